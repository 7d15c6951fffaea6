"""The voice pages: survey codes and results for staff, the child's survey pages (public: the
code is the key), and the Children in Care Council."""

from django.urls import path

from carematters.web.voice import council, survey, views

urlpatterns = [
    path("", views.voice_home, name="voice-home"),
    path("codes/", views.batch_list, name="voice-batches"),
    path("codes/new/", views.batch_new, name="voice-batch-new"),
    path("codes/<int:pk>/withdraw/", views.batch_withdraw, name="voice-batch-withdraw"),
    path("results/", views.results_page, name="voice-results"),
    path("results/for-children/", views.results_for_children, name="voice-results-children"),
    path("results/answers.csv", views.answers_csv, name="voice-answers-csv"),
    path("survey/", survey.survey_enter, name="voice-survey-enter"),
    path("survey/questions/", survey.survey_questions, name="voice-survey-questions"),
    path("survey/thank-you/", survey.survey_thanks, name="voice-survey-thanks"),
    path("survey/your-answers/", survey.survey_about, name="voice-survey-about"),
    path("survey/<str:token>/", survey.survey_start, name="voice-survey-start"),
    path("council/", council.council_home, name="voice-council"),
    path("council/meetings/new/", council.meeting_new, name="voice-council-meeting-new"),
    path("council/meetings/<int:pk>/", council.meeting_page, name="voice-council-meeting"),
    path("council/points/<int:pk>/", council.point_answer, name="voice-council-point"),
]
