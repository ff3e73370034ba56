"""A text is translated when it is shown, in the language of the person it is shown to.

`gettext` (and `ngettext`, `pgettext`, `npgettext`) translate at the moment they are called: at
import time that is the language of whichever request or command imported the module first, and
every later visitor sees that language. Texts a module defines outside a function must use the
lazy variants (`gettext_lazy`); this test finds the eager ones outside any function."""

import ast
from pathlib import Path

from django.conf import settings

EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}
SKIP_PARTS = {".venv", "node_modules", "migrations", "tests", "var", "static", "media"}


def project_modules():
    root = Path(settings.BASE_DIR)
    for path in sorted(root.rglob("*.py")):
        if SKIP_PARTS.intersection(path.relative_to(root).parts):
            continue
        yield root, path


def eager_names(tree):
    """The names a module binds to an eager translation function."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            names.update(alias.asname or alias.name for alias in node.names if alias.name in EAGER)
    return names


def calls_outside_functions(tree, names):
    """Calls of `names` that run when the module (or a class body) is executed."""
    found = []

    def visit(node, in_function):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            # Decorators and default values run when the function is defined; the body later.
            for part in getattr(node, "decorator_list", []) + node.args.defaults:
                visit(part, in_function)
            for part in node.args.kw_defaults:
                if part is not None:
                    visit(part, in_function)
            body = [node.body] if isinstance(node, ast.Lambda) else node.body
            for statement in body:
                visit(statement, True)
            return
        if (
            not in_function
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in names
        ):
            found.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child, in_function)

    visit(tree, False)
    return found


def test_no_text_is_translated_at_import_time():
    offenders = []
    for root, path in project_modules():
        tree = ast.parse(path.read_text(), filename=str(path))
        names = eager_names(tree)
        if names:
            offenders += [
                f"{path.relative_to(root)}:{line}" for line in calls_outside_functions(tree, names)
            ]
    assert offenders == [], "use gettext_lazy for texts defined at import time: " + ", ".join(
        offenders
    )


def test_the_check_finds_an_eager_text_in_a_module_and_a_class_body():
    tree = ast.parse(
        "from django.utils.translation import gettext as _, gettext_lazy\n"
        "A = {'x': _('Afsluiten')}\n"
        "B = gettext_lazy('Heropenen')\n"
        "class C:\n"
        "    label = _('Wachten')\n"
        "    def f(self):\n"
        "        return _('Later, fine')\n"
        "D = lambda: _('Also fine')\n"
        "def g(label=_('Standaard')):\n"
        "    return label\n"
    )
    assert calls_outside_functions(tree, eager_names(tree)) == [2, 5, 9]
