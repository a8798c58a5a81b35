"""Write one background export's file (started by the request that asked for it;
see profiles/advising/export_jobs.py)."""

from django.core.management.base import BaseCommand

from profiles.advising.export_jobs import export_job_run


class Command(BaseCommand):
    help = "Write the file of a waiting background export."

    def add_arguments(self, parser):
        parser.add_argument("job", type=int, help="the export job's id")

    def handle(self, *args, job: int, **options):
        export_job_run(job)
