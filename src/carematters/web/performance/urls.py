from django.urls import path

from carematters.web.performance import views

urlpatterns = [
    path("", views.performance_page, name="performance"),
    path("population/", views.population, name="performance-population"),
    path("<str:indicator>/<int:year>/children/", views.children_behind,
         name="performance-children"),
    path("indicators-<int:year>.xlsx", views.indicators_workbook, name="performance-xlsx"),
    path("performance-report-<int:year>.html", views.indicators_report,
         name="performance-report"),
    path("annual-report-<int:year>.<str:fmt>", views.annual_report, name="performance-annual"),
]
