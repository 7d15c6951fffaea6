"""The grip pages, each with an .xlsx twin that exports what the page shows."""

from django.urls import path

from carematters.web.grip import views

XLSX = {"export": True}

urlpatterns = [
    path("my-children/", views.my_children, name="grip-my-children"),
    path("my-children.xlsx", views.my_children, XLSX, name="grip-my-children-xlsx"),
    path("team/", views.team_dashboard, name="grip-team"),
    path("team.xlsx", views.team_dashboard, XLSX, name="grip-team-xlsx"),
    path("service/", views.service_dashboard, name="grip-service"),
    path("service.xlsx", views.service_dashboard, XLSX, name="grip-service-xlsx"),
    path("reviews/", views.upcoming_reviews, name="grip-reviews"),
    path("reviews.xlsx", views.upcoming_reviews, XLSX, name="grip-reviews-xlsx"),
    path("entitlements/", views.entitlements_page, name="grip-entitlements"),
    path("entitlements.xlsx", views.entitlements_page, XLSX, name="grip-entitlements-xlsx"),
]
