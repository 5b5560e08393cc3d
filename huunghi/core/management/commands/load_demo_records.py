"""Enter the facts of the two source articles as approved records (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from huunghi.accounts.models import User
from huunghi.core.demo.articles import load_article_records


class Command(BaseCommand):
    help = "Load the source articles' activities as records, entered by the demo admin."

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(username="admin").first()
        if actor is None:
            raise CommandError("Run setup_demo first: the demo admin account does not exist.")
        created = load_article_records(actor)
        self.stdout.write(f"article records created: {created}")
