from django.core.management.base import BaseCommand

from dugnad.core.caching import forget_public_pages


class Command(BaseCommand):
    help = "Let every cached public page miss, e.g. after a deploy that changed templates."

    def handle(self, *args, **options):
        forget_public_pages()
        self.stdout.write("Cached public pages will be rendered anew.")
