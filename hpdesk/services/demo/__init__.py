"""The demo workspace: believable 管城回族区 data built from the bundled sample workbooks (`hpdesk demo`).

`demo_content` holds the texts (units, narratives, problems, evidence titles), `demo_media` makes real JPEGs and PDFs,
`demo_task_table` writes synthetic task workbooks in a city's layout, and `demo_builder` fills a workspace: `small`
through the real services, `large` with bulk inserts for scale. No Qt here.
"""
