"""Pages for citizens: the home page, the procedure catalogue, the dossier lookup and the QR rating page."""
