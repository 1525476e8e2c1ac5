"""The integrations pages: integrations, credentials, reviews and the platform catalogue (views);
the pipeline board, metrics and notices to technical contacts (board_views)."""

from consortia.integrations import board_views, views

app_name = "integrations"
urlpatterns = [*views.urlpatterns, *board_views.urlpatterns]
