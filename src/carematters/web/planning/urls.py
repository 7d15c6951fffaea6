"""The planning pages: forecast, saved scenarios and their comparison, the cost table."""

from django.urls import path

from carematters.web.planning import views

urlpatterns = [
    path("forecast/", views.forecast_page, name="planning-forecast"),
    path("scenarios/", views.scenario_list, name="planning-scenarios"),
    path("scenarios/new/", views.scenario_edit, name="planning-scenario-new"),
    path("scenarios/<int:pk>/", views.scenario_edit, name="planning-scenario-edit"),
    path("scenarios/<int:pk>/delete/", views.scenario_delete, name="planning-scenario-delete"),
    path("scenarios/<int:pk>/compare/", views.scenario_compare, name="planning-scenario-compare"),
    path("scenarios/<int:pk>/compare.xlsx", views.scenario_compare_xlsx,
         name="planning-scenario-compare-xlsx"),
    path("costs/", views.cost_table_page, name="planning-costs"),
    path("costs/<int:pk>/delete/", views.cost_delete, name="planning-cost-delete"),
]
