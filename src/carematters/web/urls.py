"""Every route, kebab-case; each view declares its access policy (accounts/policy.py)."""

from django.urls import include, path

from carematters.web.accounts import views as accounts
from carematters.web.api import api_urls
from carematters.web.children import checking, loading, reports
from carematters.web.children import views as children

urlpatterns = [
    path("healthz", accounts.healthz, name="healthz"),
    path("sign-in/", accounts.login, name="login"),
    path("sign-out/", accounts.logout, name="logout"),
    path("two-factor/", accounts.otp_verify, name="otp-verify"),
    path("two-factor/set-up/", accounts.otp_setup, name="otp-setup"),
    path("", accounts.home, name="home"),
    path("administration/", accounts.administration, name="administration"),
    path("administration/audit/", accounts.audit_report, name="audit-report"),
    path("figures/", reports.aggregates, name="aggregates"),
    path("analysis/", reports.analysis, name="analysis"),
    path("analysis/pseudonymised-episodes.csv", reports.pseudonymised_episodes, name="pseudonymised-episodes"),
    path("analysis/ssda903-<int:year>.zip", reports.return_download, name="return-download"),
    path("analysis/load-return/", loading.load_return, name="load-return"),
    path("analysis/check/<int:year>/", checking.return_check, name="return-check"),
    path("analysis/check/<int:year>/again/", checking.return_check_again, name="return-check-again"),
    path("analysis/check/<int:year>/findings.xlsx", checking.return_check_xlsx, name="return-check-xlsx"),
    path("analysis/check/<int:year>/findings.csv", checking.return_check_csv, name="return-check-csv"),
    path("children/", children.child_list, name="child-list"),
    path("children/<uuid:child>/", children.child_summary, name="child-summary"),
    path("children/<uuid:child>/details/", children.child_details, name="child-details"),
    path("children/<uuid:child>/history/", children.child_history, name="child-history"),
    path("children/<uuid:child>/access-log/", children.child_access_log, name="child-access-log"),
    path("children/<uuid:child>/<slug:section>/", children.child_section, name="child-section"),
    path("children/<uuid:child>/<slug:section>/<slug:kind>/new/", children.record_edit, name="record-new"),
    path("children/<uuid:child>/<slug:section>/<slug:kind>/<int:pk>/", children.record_edit, name="record-edit"),
    path("api/", api_urls()),
    path("workload/", include("carematters.web.grip.urls")),
    path("planning/", include("carematters.web.planning.urls")),
    path("performance/", include("carematters.web.performance.urls")),
    path("voice/", include("carematters.web.voice.urls")),
]
