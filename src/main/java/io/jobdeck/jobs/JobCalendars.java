package io.jobdeck.jobs;

import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.Audited;
import io.jobdeck.audit.AuditedResult;
import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.events.EventHub;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.jobs.internal.QuartzTables;
import io.jobdeck.security.Permissions;
import io.jobdeck.support.DisplayText;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.quartz.Calendar;
import org.quartz.Scheduler;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Quartz calendars defined in the browser: times the triggers using one do not fire at. Listed for everyone
 * ({@link #list}); read for editing, created, changed and deleted by ADMIN, audited, on {@code jobdeck-calendars}.
 * Each is stored with {@code Scheduler.addCalendar(name, calendar, replace, updateTriggers = true)}, so the triggers
 * using it get their next fire recomputed at once. Quartz keeps calendars Java-serialized in its {@code CALENDARS}
 * table: that is Quartz's own format for its own classes (holiday, daily and cron calendars), written and read only by
 * Quartz; Jobdeck's rule against serialized objects is about job data, which stays string properties. What is stored is
 * read back for editing from the Quartz objects themselves ({@link QuartzCalendars}). Each change is announced as
 * {@link SchedulerEvent.JobsChanged} once stored (Quartz tells its listeners nothing of calendars), so that the upcoming
 * fires and open pages read the recomputed triggers again.
 */
@Service
public class JobCalendars implements DisposableBean {

    /** The most rows one page of the list may have. */
    public static final int MAX_PAGE = 200;

    /** Triggers named when a delete is refused because they use the calendar. */
    private static final int USERS_NAMED = 3;

    private final Scheduler scheduler;
    private final JobCalendarChecks checks;
    private final ScheduleDescriber describer;
    private final MessageSource messages;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final EventHub hub;
    private final String node;
    private final String triggers;
    private final String schedulerName;
    private final Worker worker = new Worker("jobdeck-calendars", 1, 100);

    JobCalendars(
            Scheduler scheduler,
            JobCalendarChecks checks,
            ScheduleDescriber describer,
            MessageSource messages,
            JdbcClient jdbc,
            QuartzTables tables,
            Clock clock,
            EventHub hub,
            NodeIdentity node) {
        this.scheduler = scheduler;
        this.checks = checks;
        this.describer = describer;
        this.messages = messages;
        this.jdbc = jdbc;
        this.clock = clock;
        this.hub = hub;
        this.node = node.id();
        this.triggers = tables.triggers();
        this.schedulerName = tables.schedulerName();
    }

    /**
     * One calendar in the list. {@code kind} is null for a calendar defined in code that Jobdeck does not edit; then
     * {@code type} names its Quartz class. {@code words} says what it excludes, in the reader's language.
     */
    public record Row(
            String name,
            JobCalendar.@Nullable Kind kind,
            String type,
            String description,
            String words,
            long triggers) {}

    /** A page of calendars, by name, and how many there are in all. */
    public record Page(List<Row> rows, int total) {}

    /** A created, changed or deleted calendar, and what the audit trail says about it. */
    public record Saved(String name, String trail) implements AuditedResult {

        @Override
        public Optional<String> failure() {
            return Optional.empty();
        }

        @Override
        public Optional<String> detail() {
            return Optional.of(trail);
        }
    }

    /**
     * A calendar as its edit form starts from, and the version it was read at: {@link #update} refuses to save over a
     * calendar that has changed since.
     */
    public record Editable(JobCalendar calendar, String version) {}

    /** What is wrong with a draft, field by field, in the reader's language; empty when it can be saved. */
    public List<FieldProblem> check(CalendarDraft draft, Locale locale) {
        return checks.check(draft, locale);
    }

    /** What the draft would exclude in the coming days (or its problems). Pure computation, bounded. */
    public JobCalendarChecks.Preview preview(CalendarDraft draft, Locale locale) {
        return checks.preview(draft, locale);
    }

    /** Calendars by name, {@code limit} (at most {@link #MAX_PAGE}) from {@code offset}, with their trigger counts. */
    @PreAuthorize(Permissions.VIEW)
    public CompletionStage<Page> list(int offset, int limit, Locale locale) {
        return worker.submit(() -> {
            List<String> names = scheduler.getCalendarNames().stream().sorted().toList();
            int from = Math.clamp(offset, 0, names.size());
            List<String> page = names.subList(from, Math.min(names.size(), from + Math.clamp(limit, 0, MAX_PAGE)));
            Map<String, Long> counts = triggerCounts(page);
            List<Row> rows = new ArrayList<>();
            for (String name : page) {
                Calendar quartz = scheduler.getCalendar(name);
                if (quartz == null) {
                    continue; // deleted meanwhile
                }
                Optional<JobCalendar> ours = QuartzCalendars.fromQuartz(name, quartz);
                rows.add(new Row(
                        name,
                        ours.map(JobCalendar::kind).orElse(null),
                        ours.map(c -> c.kind().name()).orElse(quartz.getClass().getSimpleName()),
                        quartz.getDescription() == null ? "" : quartz.getDescription(),
                        ours.map(c -> words(c, locale)).orElse(""),
                        counts.getOrDefault(name, 0L)));
            }
            return new Page(rows, names.size());
        });
    }

    /**
     * A calendar as its edit form starts from, with its version; empty if there is none. Fails with a message for a
     * calendar defined in code that Jobdeck does not edit.
     */
    @PreAuthorize(Permissions.ADMINISTER)
    public CompletionStage<Optional<Editable>> readEditable(String name, Locale locale) {
        return worker.submit(() -> {
            Calendar quartz = scheduler.getCalendar(name);
            if (quartz == null) {
                return Optional.empty();
            }
            JobCalendar calendar = QuartzCalendars.fromQuartz(name, quartz)
                    .orElseThrow(() -> new JobCommandException(message("calendar.notEditable", locale)));
            return Optional.of(new Editable(calendar, version(quartz, Optional.of(calendar))));
        });
    }

    /** Creates the calendar; refused, with every problem, if the draft does not check out or the name is taken. */
    @PreAuthorize(Permissions.ADMINISTER)
    @Audited(value = AuditAction.CREATE_CALENDAR, target = "'calendar ' + #draft.name().strip()")
    public CompletionStage<Saved> create(CalendarDraft draft, Locale locale) {
        return worker.submit(() -> {
            JobCalendar calendar = parseOrRefuse(draft, locale);
            if (scheduler.getCalendar(calendar.name()) != null) {
                throw new JobDefinitions.Refused(
                        List.of(new FieldProblem("name", message("calendar.problem.exists", locale, calendar.name()))));
            }
            scheduler.addCalendar(calendar.name(), QuartzCalendars.toQuartz(calendar), false, true);
            changed();
            return new Saved(calendar.name(), words(calendar, Locale.ENGLISH));
        });
    }

    /**
     * Saves a changed calendar under its name (the draft's name is ignored: triggers refer to the name), if it is still
     * as it was at {@code version}; otherwise fails with {@link JobDefinitions.Changed} and saves nothing. The triggers
     * using it get their next fire recomputed. The trail says each changed field before and after.
     */
    @PreAuthorize(Permissions.ADMINISTER)
    @Audited(value = AuditAction.UPDATE_CALENDAR, target = "'calendar ' + #name")
    public CompletionStage<Saved> update(String name, String version, CalendarDraft draft, Locale locale) {
        return worker.submit(() -> {
            JobCalendar after = parseOrRefuse(
                    new CalendarDraft(
                            name,
                            draft.description(),
                            draft.kind(),
                            draft.zone(),
                            draft.dates(),
                            draft.from(),
                            draft.to(),
                            draft.onlyWithin(),
                            draft.cron()),
                    locale);
            Calendar stored = scheduler.getCalendar(name);
            if (stored == null) {
                throw new JobDefinitions.Changed(message("calendar.edit.gone", locale, name));
            }
            Optional<JobCalendar> ours = QuartzCalendars.fromQuartz(name, stored);
            if (!version(stored, ours).equals(version)) {
                throw new JobDefinitions.Changed(message("calendar.edit.changed", locale, name));
            }
            String before = ours.map(CalendarDraft::of)
                    .map(JobCalendars::fields)
                    .map(was -> changes(was, fields(CalendarDraft.of(after))))
                    .orElse("was defined in code; now " + words(after, Locale.ENGLISH));
            scheduler.addCalendar(name, QuartzCalendars.toQuartz(after), true, true);
            changed();
            return new Saved(name, before);
        });
    }

    /** Deletes the calendar; refused, naming a few of them, while triggers use it. */
    @PreAuthorize(Permissions.ADMINISTER)
    @Audited(value = AuditAction.DELETE_CALENDAR, target = "'calendar ' + #name")
    public CompletionStage<Saved> delete(String name, Locale locale) {
        return worker.submit(() -> {
            long users = triggerCounts(List.of(name)).getOrDefault(name, 0L);
            if (users > 0) {
                List<String> some = jdbc.sql("SELECT TRIGGER_GROUP, TRIGGER_NAME FROM " + triggers
                                + " WHERE SCHED_NAME = ? AND CALENDAR_NAME = ?"
                                + " ORDER BY TRIGGER_GROUP, TRIGGER_NAME FETCH FIRST " + USERS_NAMED + " ROWS ONLY")
                        .param(schedulerName)
                        .param(name)
                        .query((rs, i) -> rs.getString(1) + "." + rs.getString(2))
                        .list();
                String named = some.stream().map(t -> DisplayText.safe(t, 80)).collect(Collectors.joining(", "))
                        + (users > some.size() ? ", …" : "");
                throw new JobCommandException(message("calendar.inUse", locale, name, users, named));
            }
            if (!scheduler.deleteCalendar(name)) {
                throw new JobCommandException(message("calendar.gone", locale, name));
            }
            changed();
            return new Saved(name, "deleted");
        });
    }

    /**
     * Says that triggers changed: storing a calendar recomputed the next fires of those using it. Quartz's call has
     * returned, and it ran in no transaction of ours, so what it wrote is committed: a page that reads now sees it.
     */
    private void changed() {
        hub.publish(new SchedulerEvent.JobsChanged(node));
    }

    /** What a calendar excludes, in words. */
    String words(JobCalendar calendar, Locale locale) {
        String zone = calendar.zone().getId();
        return switch (calendar) {
            case JobCalendar.Holidays h -> {
                LocalDate today = LocalDate.ofInstant(clock.instant(), h.zone());
                Optional<LocalDate> next =
                        h.dates().stream().filter(d -> !d.isBefore(today)).findFirst();
                yield next.isPresent()
                        ? message("calendar.words.holidays", locale, h.dates().size(), next.get(), zone)
                        : message(
                                "calendar.words.holidaysPast", locale, h.dates().size(), zone);
            }
            case JobCalendar.DailyWindow w ->
                message(
                        w.onlyWithin() ? "calendar.words.onlyWithin" : "calendar.words.window",
                        locale,
                        w.from(),
                        w.to(),
                        zone);
            case JobCalendar.CronBlackout c ->
                message(
                        "calendar.words.cron",
                        locale,
                        c.cron(),
                        describer.describe(new Schedule.Cron(c.cron(), c.zone()), locale, c.zone()),
                        zone);
        };
    }

    private JobCalendar parseOrRefuse(CalendarDraft draft, Locale locale) {
        JobCalendarChecks.Parsed parsed = checks.parse(draft, locale);
        JobCalendar calendar = parsed.calendar();
        if (calendar == null) {
            throw new JobDefinitions.Refused(parsed.problems());
        }
        return calendar;
    }

    /** How many triggers use each of {@code names} (absent: none). */
    private Map<String, Long> triggerCounts(List<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        List<Object> params = new ArrayList<>();
        params.add(schedulerName);
        params.addAll(names);
        return jdbc
                .sql("SELECT CALENDAR_NAME, COUNT(*) FROM " + triggers + " WHERE SCHED_NAME = ? AND CALENDAR_NAME IN ("
                        + String.join(", ", Collections.nCopies(names.size(), "?")) + ") GROUP BY CALENDAR_NAME")
                .params(params)
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * What a stored calendar is at: the fields its form shows, hashed (a calendar defined in code, which the form does
     * not show, by its class); changes whenever any of them does.
     */
    private static String version(Calendar stored, Optional<JobCalendar> ours) {
        return Versions.of(ours.map(c -> fields(CalendarDraft.of(c)).entrySet().stream()
                        .map(field -> field.getKey() + "=" + field.getValue())
                        .collect(Collectors.joining("\u0000")))
                .orElse("defined in code: " + stored.getClass().getName()));
    }

    /** The fields the trail compares, those of the draft's kind only. */
    private static Map<String, String> fields(CalendarDraft draft) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("kind", draft.kind().name());
        fields.put("description", draft.description());
        fields.put("zone", draft.zone());
        switch (draft.kind()) {
            case HOLIDAYS -> fields.put("dates", draft.dates().replace('\n', ' '));
            case DAILY_WINDOW -> {
                fields.put("from", draft.from());
                fields.put("to", draft.to());
                fields.put("onlyWithin", String.valueOf(draft.onlyWithin()));
            }
            case CRON_BLACKOUT -> fields.put("cron", draft.cron());
        }
        return fields;
    }

    /** Each changed field as {@code field: before → after}. */
    private static String changes(Map<String, String> was, Map<String, String> is) {
        List<String> changed = new ArrayList<>();
        is.forEach((field, to) -> {
            String from = was.getOrDefault(field, "");
            if (!from.equals(to)) {
                changed.add(field + ": " + DisplayText.safe(from, 120) + " → " + DisplayText.safe(to, 120));
            }
        });
        return changed.isEmpty() ? "no change" : String.join("; ", changed);
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    @Override
    public void destroy() {
        worker.shutdown();
    }
}
