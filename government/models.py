"""The government bodies officeholders and griffiers serve: municipalities, provinces, water boards.

Reference data, loaded from refdata/ (see refdata/README.md for provenance) by a data migration
and kept current with `manage.py load_government_bodies`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Gemeente")
    PROVINCE = "province", _("Provincie")
    WATER_BOARD = "water_board", _("Waterschap")


class GovernmentBodyQuerySet(models.QuerySet):
    def municipalities(self):
        return self.filter(kind=BodyKind.MUNICIPALITY)

    def provinces(self):
        return self.filter(kind=BodyKind.PROVINCE)

    def water_boards(self):
        return self.filter(kind=BodyKind.WATER_BOARD)


class GovernmentBody(models.Model):
    """A municipality (CBS code GM0014), a province (CBS code PV20) or a water board.

    Water boards carry the Electoral Council's number as code (WS01..WS21), as the source has
    no CBS code for them.
    """

    kind = models.CharField(_("soort"), max_length=20, choices=BodyKind.choices)
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("naam"), max_length=100)
    province = models.ForeignKey(
        "self",
        verbose_name=_("provincie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        limit_choices_to={"kind": BodyKind.PROVINCE},
    )
    active = models.BooleanField(_("actief"), default=True)
    # Inhabitants on 1 January (CBS), for the monitor's municipality size classes. The
    # Electoral Council's tree has no population: load it with `manage.py load_population`.
    population = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)

    objects = GovernmentBodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("overheid")
        verbose_name_plural = _("overheden")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="government_body_unique_code"),
        ]

    def __str__(self):
        if self.kind == BodyKind.MUNICIPALITY:
            return _("Gemeente %(name)s") % {"name": self.name}
        if self.kind == BodyKind.PROVINCE:
            return _("Provincie %(name)s") % {"name": self.name}
        return _("Waterschap %(name)s") % {"name": self.name}
