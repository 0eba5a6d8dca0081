"""Một Cửa domain: plain Python (SQLAlchemy 2.0, stdlib). No Flask or Rasa imports here."""
