{% load i18n %}<dl class="summary-list">
  <dt>{% trans "Soort" %}</dt><dd>{{ incident.kind_labels|join:", "|default:"—" }}</dd>
  <dt>{% trans "Hoe of waar" %}</dt><dd>{{ incident.get_channel_display|default:"—" }}</dd>
  <dt>{% trans "Wanneer" %}</dt><dd>{% if incident.occurred_on %}{{ incident.occurred_on|date:"j F Y" }}{% if incident.occurred_time %}, {{ incident.occurred_time|time:"H:i" }}{% endif %}{% else %}—{% endif %}</dd>
  <dt>{% trans "Gemeente" %}</dt><dd>{{ incident.municipality.name|default:"—" }}</dd>
  <dt>{% trans "Gericht tegen" %}</dt><dd>{{ incident.target_labels|join:", "|default:"—" }}</dd>
  <dt>{% trans "Dader bekend" %}</dt><dd>{{ incident.get_perpetrator_known_display|default:"—" }}</dd>
  {% if incident.perpetrator_details %}<dt>{% trans "Over de dader" %}</dt><dd>{{ incident.perpetrator_details|linebreaksbr }}</dd>{% endif %}
  <dt>{% trans "Gaat het nog door" %}</dt><dd>{{ incident.get_ongoing_display|default:"—" }}</dd>
  <dt>{% trans "Direct gevaar" %}</dt><dd>{{ incident.immediate_danger|yesno:_("ja,nee") }}</dd>
  <dt>{% trans "Wat is er gebeurd" %}</dt><dd>{{ incident.description|linebreaksbr|default:"—" }}</dd>
  <dt>{% trans "Politie" %}</dt><dd>{{ incident.get_police_report_display|default:"—" }}{% if incident.police_reference %} ({% trans "registratienummer" %} {{ incident.police_reference }}){% endif %}</dd>
  <dt>{% trans "VPT-code" %}</dt><dd>{{ incident.get_vpt_code_display|default:"—" }}</dd>
  <dt>{% trans "Gevolgen" %}</dt><dd>{{ incident.impact|linebreaksbr|default:"—" }}</dd>
  <dt>{% trans "Invloed op besluiten" %}</dt><dd>{{ incident.get_affects_decisions_display|default:"—" }}</dd>
  <dt>{% trans "Wil ondersteuning" %}</dt><dd>{{ incident.wants_support|yesno:_("ja,nee") }}</dd>
  {% if not is_concerned %}<dt>{% trans "Contact via" %}</dt><dd>{{ incident.get_contact_preference_display|default:"—" }}{% if incident.contact_phone %}, {{ incident.contact_phone }}{% endif %}</dd>{% endif %}
</dl>
