"""Benchmark: text handling is linear in the length of a text (docs/benchmark.md).

For words and texts of growing length it prints the time of the umlaut
folding of the search index (the old quadratic pattern beside it, up to a
size where it still ends), of saving a Steckbrief (search indexing included),
rendering its page, and writing and reading CSV and XLSX. Linear means: the
time per 1,000 characters stays about the same as the text grows.

Everything it writes happens in a transaction that is rolled back.
"""

import re
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client, override_settings

from profiles.editorial.imports import dump_csv, load_csv, read_xlsx, write_xlsx
from profiles.editorial.resources import ProfileResource
from profiles.models import Bindingness, Effort, Kind, Profile, Status
from search.text import plain_words

OLD_PATTERN = re.compile(r"\w*[äöüÄÖÜß]\w*")


class _Rollback(Exception):  # noqa: N818 - control flow
    pass


def timed(function, *args):
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


class Command(BaseCommand):
    help = "Misst, wie die Zeit für Speichern, Suche, Seite, CSV und XLSX mit der Textlänge wächst."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes",
            default="2500,5000,10000,20000",
            help="Textlängen in Zeichen, durch Kommas getrennt",
        )
        parser.add_argument(
            "--old-up-to",
            type=int,
            default=10000,
            help="bis zu dieser Länge auch das alte (quadratische) Muster messen",
        )

    def handle(self, sizes, old_up_to, **options):
        sizes = [int(size) for size in sizes.split(",")]
        header = (
            f"{'Zeichen':>8} | {'Falten neu':>10} | {'Falten alt':>10} | {'Speichern':>9} | "
            f"{'Seite':>7} | {'CSV hin+zurück':>14} | {'XLSX hin+zurück':>15} | ms je 1.000 Z."
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        try:
            with (
                transaction.atomic(),
                override_settings(PUBLIC_CACHE=False, DEBUG=False, ALLOWED_HOSTS=["testserver"]),
            ):
                profile = Profile.objects.create(
                    kind=Kind.ORGANISATION,
                    title="Benchmark Textlänge",
                    slug="bench-textlaenge",
                    summary="Ein Steckbrief nur für diese Messung.",
                    description="Text.",
                    bindingness=Bindingness.CONTRACT,
                    effort=Effort.LOW,
                    status=Status.PUBLISHED,
                )
                client = Client()
                for size in sizes:
                    self.stdout.write(self.measure(profile, client, size, old_up_to))
                raise _Rollback
        except _Rollback:
            pass

    def measure(self, profile, client, size, old_up_to):
        # The worst case for the old pattern: one long word without an umlaut.
        word = "a" * (size - 2) + " ä"
        fold_new = timed(plain_words, word)
        fold_old = timed(OLD_PATTERN.findall, word) if size <= old_up_to else None
        profile.description = word
        save = timed(profile.save)
        start = time.perf_counter()
        response = client.get(profile.get_absolute_url())
        page = time.perf_counter() - start
        if response.status_code != 200:
            raise RuntimeError(f"Steckbrief-Seite: {response.status_code}")
        dataset = ProfileResource().export(queryset=Profile.objects.filter(pk=profile.pk))
        csv_time = timed(lambda: load_csv(dump_csv(dataset)))
        xlsx_time = timed(lambda: read_xlsx(write_xlsx([("S", dataset)])))
        total = fold_new + save + page + csv_time + xlsx_time
        old = f"{fold_old * 1000:8.1f}ms" if fold_old is not None else f"{'–':>10}"
        return (
            f"{size:>8} | {fold_new * 1000:8.2f}ms | {old} | {save * 1000:7.1f}ms | "
            f"{page * 1000:5.1f}ms | {csv_time * 1000:12.1f}ms | {xlsx_time * 1000:13.1f}ms | "
            f"{total * 1000 / (size / 1000):.2f}"
        )
