"""Custom actions of the Một Cửa assistant, one module per topic. They reach data only through
the app's JSON API (``api_client.MotCuaAPI``): no SQL here. Importing the package makes the action
server refuse calls that do not come from Rasa (``server_auth``) and count what it runs (``metrics``)."""

from actions import metrics
from actions.server_auth import register

register()
metrics.register()
