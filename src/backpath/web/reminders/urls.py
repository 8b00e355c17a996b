from django.urls import path

from . import views

app_name = "reminders"
urlpatterns = [
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("p/<str:token>/reminders/", views.save, name="save"),
    path("p/<str:token>/reminders.ics", views.calendar_feed, name="calendar"),
]
