"""The support desk's pages: queues and tickets (views), held mail (mail_views), the issues
register (register_views) and desk metrics (metrics_views)."""

from consortia.support import mail_views, metrics_views, register_views, views

app_name = "support"
urlpatterns = [
    *views.urlpatterns,
    *mail_views.urlpatterns,
    *register_views.urlpatterns,
    *metrics_views.urlpatterns,
]
