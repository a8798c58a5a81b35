"""`manage.py retention [--dry-run]`: delete what is past its retention period
(profiles/advising/retention.py) and say what went, in plain words.

Meant to run once a day from cron or a systemd timer; `--verbosity 0` keeps it
silent, so cron mails nothing.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from profiles.advising.retention import RetentionReport, retention_apply

DRY_RUN_NOTE = "Dry run: nothing was deleted."
KEPT_FOREVER = "{what} are kept forever ({setting} is 0)."


def counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


class Command(BaseCommand):
    help = "Delete old access records, expired links and sessions, and abandoned profiles."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted; delete nothing."
        )

    def handle(self, *args, dry_run: bool, verbosity: int, **options):
        report = retention_apply(dry_run=dry_run)
        if verbosity:
            self.stdout.write("\n".join(report_lines(report)))


def report_lines(report: RetentionReport) -> list[str]:
    verb = "Would delete" if report.dry_run else "Deleted"
    lines = [DRY_RUN_NOTE] if report.dry_run else []
    record_days, profile_days = settings.ACCESS_RECORD_DAYS, settings.UNSHARED_PROFILE_DAYS
    if record_days:
        entries = counted(report.access_events, "access record entry", "access record entries")
        lines.append(f"{verb} {entries} older than {record_days} days.")
    else:
        lines.append(KEPT_FOREVER.format(what="Access records", setting="ACCESS_RECORD_DAYS"))
    links = counted(report.read_only_links, "expired read-only link", "expired read-only links")
    lines.append(f"{verb} {links}.")
    if profile_days:
        profiles = counted(report.profiles, "profile", "profiles")
        lines.append(
            f"{verb} {profiles} neither shared (with a group or by a live link) nor changed "
            f"or opened by their owner for {profile_days} days, with their advice, notes "
            "and access record."
        )
    else:
        lines.append(KEPT_FOREVER.format(what="Unshared profiles", setting="UNSHARED_PROFILE_DAYS"))
    sessions = counted(report.sessions, "expired session", "expired sessions")
    lines.append(f"{verb} {sessions} (unfinished forms and devices' remembered links).")
    exports = counted(report.export_files, "export file", "export files")
    lines.append(f"{verb} {exports} older than {settings.EXPORT_KEEP_HOURS} hours.")
    return lines
