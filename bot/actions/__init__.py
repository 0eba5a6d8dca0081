"""Custom actions of the Một Cửa assistant, one module per topic. They reach data only through
the app's JSON API (``api_client.MotCuaAPI``): no SQL here."""
