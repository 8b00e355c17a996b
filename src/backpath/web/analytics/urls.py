from django.urls import path

from . import exports, views

app_name = "analytics"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/episodes.csv", exports.episodes_csv, name="episodes_csv"),
    path("export/visits.csv", exports.visits_csv, name="visits_csv"),
    path("export/audit.csv", exports.audit_csv, name="audit_csv"),
    path("export/research.csv", exports.research_csv, name="research_csv"),
    path("export/research-summary.csv", exports.research_summary_csv, name="research_summary_csv"),
]
