"""The monitor's summary table: counts of reports per month, kept current by a Celery beat task.

The dashboard never reads the incidents table for its figures (only for "open cases by age"):
with a million reports it sums at most a few thousand rows of this table. No row holds free text
or anything that points at a person: codes and counts only.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MonthlyFigure(models.Model):
    """Reports sent in one month, by the reporter's office type and the province, broken down
    by one dimension (`all` for the totals, with the timing sums)."""

    month = models.DateField(_("maand"))
    office_type = models.CharField(_("functie"), max_length=30, blank=True)
    # The province's CBS code (PV20...), "" when unknown or national (water boards).
    province_code = models.CharField(_("provincie"), max_length=10, blank=True)
    dimension = models.CharField(max_length=10)
    value = models.CharField(max_length=30, blank=True)
    incidents = models.PositiveIntegerField(default=0)
    # Timing, on the `all` rows only: against the stappenplan deadline of the first contact.
    responded = models.PositiveIntegerField(default=0)
    responded_in_time = models.PositiveIntegerField(default=0)
    response_seconds = models.BigIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    close_seconds = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("maandcijfer")
        verbose_name_plural = _("maandcijfers")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "office_type", "province_code", "dimension", "value"],
                name="monitor_figure_unique",
            )
        ]
        indexes = [models.Index(fields=["dimension", "month"], name="monitor_dimension_month")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.dimension}={self.value}: {self.incidents}"


class RefreshMark(models.Model):
    """When the summary was last brought up to date (one row)."""

    refreshed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.refreshed_at:%Y-%m-%d %H:%M}"


class SharedRelease(models.Model):
    """The shared figures of one closed year, frozen when they were released.

    Only what may be shown is stored (hidden cells as their symbol, never their value), and a
    release is never recomputed: a later refresh of the summary table cannot change a published
    figure, so comparing two moments tells nobody anything about the reports in between."""

    year = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    released_at = models.DateTimeField(_("vrijgegeven op"))
    figures = models.JSONField()

    class Meta:
        verbose_name = _("gedeelde jaarcijfers")
        verbose_name_plural = _("gedeelde jaarcijfers")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)
