"""``xlscore serve``: a local web page to generate forms and check returned ones (optional extra ``xlscore[web]``).

It only adapts HTTP to the library: the checker, the 差异表 table model and the batch summary do
the work. Importing this package needs Starlette and Jinja2; the CLI says how to install them.
"""
