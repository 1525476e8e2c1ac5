from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "consortia.directory"
    label = "directory"
    verbose_name = "Directory"
