"""Custom Rasa NLU components: the project's Vietnamese folding applied inside the pipeline, so the
classifier sees "giay to", "giấy tờ" and "GIẤY TỜ" as the same words."""
