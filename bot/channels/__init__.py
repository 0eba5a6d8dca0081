"""Custom Rasa input/output channels. ``zalo`` connects the assistant to the centre's Zalo Official Account;
it is enabled in ``credentials.yml`` as ``channels.zalo.ZaloInput``."""
