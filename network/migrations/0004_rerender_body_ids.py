"""Render every knowledge item's stored HTML again, so ids an author set before the sectie-
prefix was enforced (for example `main-content`) are gone from texts already in the database."""

from django.db import migrations


def rerender(apps, schema_editor):
    # The renderer is a pure function of the Markdown; importing it (not a frozen copy) is what
    # the stored HTML must match.
    from network.rendering import render_markdown

    KnowledgeItem = apps.get_model("network", "KnowledgeItem")
    batch = []
    for item in KnowledgeItem.objects.only("pk", "body", "body_html").iterator(chunk_size=500):
        html, _toc = render_markdown(item.body)
        if html != item.body_html:
            item.body_html = html
            batch.append(item)
        if len(batch) >= 500:
            KnowledgeItem.objects.bulk_update(batch, ["body_html"])
            batch = []
    if batch:
        KnowledgeItem.objects.bulk_update(batch, ["body_html"])


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0003_rank_vector"),
    ]

    operations = [
        migrations.RunPython(rerender, migrations.RunPython.noop, elidable=True),
    ]
