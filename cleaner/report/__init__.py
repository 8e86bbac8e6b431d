"""`cleaner report`: a static review site of what the rules did (index and one view per page).

The renderers (rules, page, html_view, index) are pure: results in, HTML strings out; build
runs the cleaning over the inputs and writes the files. Everything taken from a page is escaped,
the site makes no request (inline CSS and JS), and every removal is exactly one element carrying
`data-rule="<rule id>"`.
"""
