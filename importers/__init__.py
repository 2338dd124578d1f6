"""Reading tables the clerk already has (Excel 自评表) into a draft.

Outside core/: core stays free of openpyxl and xlrd. The workbook becomes a
plain grid (sheet.py); national.py finds the header cells on that grid and
fills a core Draft of the matching template, listing every cell it could not
place (Report).
"""
