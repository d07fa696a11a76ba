"""The branded PDF handout: export_pdf in report.pdf, brand profiles in report.brand."""
