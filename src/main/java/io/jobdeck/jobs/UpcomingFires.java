package io.jobdeck.jobs;

import io.jobdeck.events.EventHub;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.jobs.internal.FireWindow;
import io.jobdeck.jobs.internal.QuartzTables;
import io.jobdeck.jobs.internal.Timeline;
import io.jobdeck.security.Permissions;
import io.jobdeck.support.Database;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Subscription;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.quartz.Calendar;
import org.quartz.CronExpression;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Every fire in the next 24 hours across all jobs, counted per hour and cut into pages, at 100,000 jobs in well under
 * a second. Triggers that can fire are read from Quartz's tables (Quartz's API reads them one by one) and kept until
 * jobs change: firing does not change a trigger's schedule, so page turns and the window moving on need no new read.
 * Triggers with the same schedule share its fire times, worked out once per answer ({@link FireWindow}); simple
 * triggers without a calendar are counted, not listed. The rare trigger kinds without a table of their own (calendar
 * intervals, daily intervals, custom ones) are read through Quartz's API, at most {@link #MAX_OTHER}. Runs on
 * {@code jobdeck-upcoming}, one answer at a time.
 */
@Service
public class UpcomingFires implements DisposableBean {

    /** The most fires one page may have. */
    public static final int MAX_PAGE = 200;

    /** How far into the fires a page may start: each page merges the fires before it. */
    public static final int MAX_OFFSET = 100_000;

    /** The most triggers read; beyond, the answer says "more than". */
    static final int MAX_TRIGGERS = 200_000;

    /** The most triggers of the kinds read through Quartz's API. */
    static final int MAX_OTHER = 1_000;

    /** Steps spent listing fire times (cron and calendars) before counting stops at the hour reached. */
    static final long LISTING_BUDGET = 2_000_000;

    /**
     * How long the triggers as read serve, if no change is seen (changes on other nodes may arrive late or not at
     * all).
     */
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private static final long NONE = Long.MAX_VALUE;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private volatile @Nullable Database database;
    private final Scheduler scheduler;
    private final Clock clock;
    private final String schedulerName;
    private final String triggers;
    private final String cronTriggers;
    private final String simpleTriggers;
    private final Worker worker = new Worker("jobdeck-upcoming", 1, 100);
    private final AtomicLong changed = new AtomicLong();
    private final Subscription changes;
    private volatile @Nullable Snapshot snapshot;

    UpcomingFires(
            JdbcClient jdbc,
            DataSource dataSource,
            Scheduler scheduler,
            QuartzTables tables,
            Clock clock,
            EventHub hub) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.scheduler = scheduler;
        this.clock = clock;
        this.schedulerName = tables.schedulerName();
        this.triggers = tables.triggers();
        this.cronTriggers = tables.cronTriggers();
        this.simpleTriggers = tables.simpleTriggers();
        // Before any view reads again on the same batch: the next answer reads the triggers anew.
        this.changes = hub.addProcessor(batch -> {
            if (batch.dropped() > 0 || batch.events().stream().anyMatch(SchedulerEvent.JobsChanged.class::isInstance)) {
                changed.incrementAndGet();
            }
        });
    }

    /** The fires per hour of the next 24 hours, and the page of fires that starts at {@code offset}. */
    @PreAuthorize(Permissions.VIEW)
    public CompletionStage<Upcoming> readUpcoming(int offset, int limit) {
        if (offset < 0 || offset > MAX_OFFSET || limit < 1 || limit > MAX_PAGE) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "A page starts at 0 to " + MAX_OFFSET + " and has 1 to " + MAX_PAGE + " fires"));
        }
        return worker.submit(() -> upcoming(offset, limit));
    }

    /** A trigger as a page shows it. */
    private record Ref(String jobGroup, String jobName, String triggerGroup, String triggerName, Schedule schedule) {}

    private static final Comparator<Ref> ORDER = Comparator.comparing(Ref::jobGroup)
            .thenComparing(Ref::jobName)
            .thenComparing(Ref::triggerGroup)
            .thenComparing(Ref::triggerName);

    private Upcoming upcoming(int offset, int limit) {
        Instant now = clock.instant();
        Snapshot triggers = snapshot(now);
        FireWindow<Ref> window = new FireWindow<>(now.toEpochMilli(), ORDER);
        Map<Source, Timeline> listed = new IdentityHashMap<>();
        for (Entry entry : triggers.entries()) {
            Timeline timeline = switch (entry.source()) {
                case Source.Fixed fixed -> fixed.timeline();
                case Source.Listing listing ->
                    listed.computeIfAbsent(listing, l -> window.listed(listing.nextAfter(), listing.included()));
            };
            window.add(entry.ref(), timeline, entry.from(), entry.until());
        }
        window.list(LISTING_BUDGET);
        long[] perHour = window.perHour();
        int countedHours = (int) ((window.horizon() - now.toEpochMilli()) / FireWindow.HOUR);
        List<Upcoming.Fire> page = window.page(offset, limit).stream()
                .map(f -> new Upcoming.Fire(
                        Instant.ofEpochMilli(f.at()),
                        f.trigger().jobGroup(),
                        f.trigger().jobName(),
                        f.trigger().triggerGroup(),
                        f.trigger().triggerName(),
                        f.trigger().schedule()))
                .toList();
        return new Upcoming(
                now,
                Arrays.stream(perHour).boxed().toList(),
                countedHours,
                Arrays.stream(perHour).sum(),
                triggers.complete() && countedHours == FireWindow.HOURS,
                offset,
                page);
    }

    /**
     * The triggers as last read, read again once jobs changed (the event hub says so) or {@link #MAX_AGE} passed.
     * Firing does not change what this holds: each trigger's fires follow from its schedule, and the window's start
     * leaves out those already past.
     */
    private Snapshot snapshot(Instant now) {
        Snapshot known = snapshot;
        long changes = changed.get();
        if (known != null
                && known.changes() == changes
                && now.isBefore(known.readAt().plus(MAX_AGE))) {
            return known;
        }
        Snapshot read = read(now, changes);
        snapshot = read;
        return read;
    }

    /** Reads every trigger that may fire before the window ends, as late as the snapshot may be used. */
    private Snapshot read(Instant now, long changes) {
        Reading reading = new Reading(
                now.plus(Duration.ofHours(FireWindow.HOURS)).plus(MAX_AGE).toEpochMilli());
        // Three scans, joined here by key: on H2 a join looks each trigger's row up by index, one random read each.
        String scan = tableScan();
        String capped = " FETCH FIRST " + (MAX_TRIGGERS + 1) + " ROWS ONLY";
        jdbc.sql("SELECT TRIGGER_GROUP, TRIGGER_NAME, CRON_EXPRESSION, TIME_ZONE_ID FROM " + cronTriggers + scan
                        + " WHERE SCHED_NAME = ?" + capped)
                .param(schedulerName)
                .query(reading::cronRow);
        jdbc.sql("SELECT TRIGGER_GROUP, TRIGGER_NAME, REPEAT_COUNT, REPEAT_INTERVAL FROM " + simpleTriggers + scan
                        + " WHERE SCHED_NAME = ?" + capped)
                .param(schedulerName)
                .query(reading::simpleRow);
        jdbc.sql("SELECT TRIGGER_NAME, TRIGGER_GROUP, JOB_NAME, JOB_GROUP, TRIGGER_TYPE, NEXT_FIRE_TIME, START_TIME,"
                        + " END_TIME, CALENDAR_NAME FROM " + triggers + scan
                        // Paused jobs and groups have paused triggers; ERROR and COMPLETE ones do not fire.
                        + " WHERE SCHED_NAME = ? AND TRIGGER_STATE IN ('WAITING', 'ACQUIRED', 'BLOCKED')"
                        + " AND NEXT_FIRE_TIME < ?" + capped)
                .params(schedulerName, reading.end)
                .query(reading::row);
        reading.readOthers();
        return new Snapshot(changes, now, List.copyOf(reading.entries), reading.complete);
    }

    /** Where a trigger's fire times come from. */
    private sealed interface Source {

        /** Computed, whatever the window (a simple trigger without a calendar). */
        record Fixed(Timeline timeline) implements Source {}

        /** Listed by each window from the schedule's next-fire function, through its calendar; shared. */
        record Listing(LongUnaryOperator nextAfter, LongPredicate included) implements Source {}
    }

    /** A trigger as read: it fires on its source's times from its next fire time until its end (exclusive). */
    private record Entry(Ref ref, Source source, long from, long until) {}

    /** The triggers as read at {@code readAt}, while {@code changes} changes had been seen. */
    private record Snapshot(long changes, Instant readAt, List<Entry> entries, boolean complete) {}

    /** One reading of the triggers: what each row adds, and what is looked up once per reading. */
    private final class Reading {

        /** A schedule and the timeline of its fire times, shared by the triggers that have it. */
        private record Shared(Source source, Schedule schedule) {}

        /** A trigger's key. */
        private record Key(String group, String name) {}

        /** A trigger of a kind read through Quartz's API, and its next fire time as read. */
        private record Other(
                String triggerGroup, String triggerName, String jobGroup, String jobName, String type, long next) {}

        private final List<Entry> entries = new ArrayList<>();
        private final long end;
        private final Map<String, @Nullable Calendar> calendars = new HashMap<>();
        private final Map<String, String> names = new HashMap<>();
        private final Map<List<Object>, Shared> schedules = new HashMap<>();
        private final List<Other> others = new ArrayList<>();
        private final Map<Key, String[]> crons = new HashMap<>();
        private final Map<Key, long[]> simples = new HashMap<>();
        private int rows;
        private boolean complete = true;

        Reading(long end) {
            this.end = end;
        }

        /** A cron trigger's expression and zone (null for the default), by trigger. */
        void cronRow(ResultSet rs) throws SQLException {
            String zone = rs.getString(4);
            crons.put(
                    new Key(shared(rs.getString(1)), rs.getString(2)),
                    new String[] {shared(rs.getString(3)), zone == null ? null : shared(zone)});
        }

        /** A simple trigger's repeat count and interval, by trigger. */
        void simpleRow(ResultSet rs) throws SQLException {
            simples.put(new Key(shared(rs.getString(1)), rs.getString(2)), new long[] {rs.getLong(3), rs.getLong(4)});
        }

        void row(ResultSet rs) throws SQLException {
            if (++rows > MAX_TRIGGERS) {
                complete = false;
                return;
            }
            String triggerName = rs.getString(1);
            String triggerGroup = shared(rs.getString(2));
            String jobName = rs.getString(3);
            String jobGroup = shared(rs.getString(4));
            String type = rs.getString(5);
            long next = rs.getLong(6);
            long startTime = rs.getLong(7);
            long endTime = rs.getLong(8); // 0 (or null) for none
            String calendarName = rs.getString(9);
            Key key = new Key(triggerGroup, triggerName);
            String[] cron = "CRON".equals(type) ? crons.get(key) : null;
            long[] simple = "SIMPLE".equals(type) ? simples.get(key) : null;
            Shared shared;
            long until;
            if (cron != null) {
                shared = cron(cron[0], cron[1], calendarName);
                until = endTime > 0 ? endTime + 1 : NONE; // a cron trigger may fire at its end time
            } else if (simple != null && (simple[0] == 0 || simple[1] < 1)) {
                shared = new Shared(ONCE, new Schedule.Once(Instant.ofEpochMilli(next)));
                until = next + 1;
            } else if (simple != null) {
                long repeatCount = simple[0];
                long interval = simple[1];
                shared = simple(startTime, interval, (int) Math.min(repeatCount, Integer.MAX_VALUE), calendarName);
                long last = repeatCount < 0 || repeatCount > NONE / interval / 2
                        ? NONE - 1
                        : startTime + repeatCount * interval;
                until = Math.min(endTime > 0 ? endTime : NONE, last + 1); // before its end time
            } else {
                if (others.size() < MAX_OTHER) {
                    others.add(new Other(triggerGroup, triggerName, jobGroup, jobName, type, next));
                } else {
                    complete = false;
                }
                return;
            }
            if (shared == null) {
                complete = false; // an expression Quartz would not have stored
                return;
            }
            entries.add(new Entry(
                    new Ref(jobGroup, jobName, triggerGroup, triggerName, shared.schedule()),
                    shared.source(),
                    next,
                    until));
        }

        /** Cron triggers with the same expression, zone and calendar share their fire times. */
        private @Nullable Shared cron(String expression, @Nullable String zoneId, @Nullable String calendarName) {
            List<Object> key = List.of("cron", expression, String.valueOf(zoneId), String.valueOf(calendarName));
            Shared known = schedules.get(key);
            if (known == null && !schedules.containsKey(key)) {
                TimeZone zone = zoneId == null ? TimeZone.getDefault() : TimeZone.getTimeZone(zoneId);
                try {
                    CronExpression cron = new CronExpression(expression);
                    cron.setTimeZone(zone);
                    known = new Shared(
                            new Source.Listing(
                                    after -> time(cron.getTimeAfter(new Date(after))),
                                    included(calendar(calendarName))),
                            new Schedule.Cron(expression, zone.toZoneId()));
                } catch (ParseException unreadable) {
                    known = null;
                }
                schedules.put(key, known);
            }
            return known;
        }

        /**
         * Simple triggers fire every interval in step with their start time: those in the same step share a timeline,
         * computed without a calendar, listed with one.
         */
        private Shared simple(long startTime, long interval, int repeatCount, @Nullable String calendarName) {
            Timeline.Stepped grid = new Timeline.Stepped(startTime, interval);
            Schedule schedule = new Schedule.Interval(Duration.ofMillis(interval), repeatCount);
            if (calendarName == null) {
                return new Shared(new Source.Fixed(grid), schedule);
            }
            List<Object> key = List.of("simple", grid.phase(), interval, calendarName);
            Shared known = schedules.computeIfAbsent(
                    key,
                    k -> new Shared(
                            new Source.Listing(after -> grid.firstFrom(after + 1), included(calendar(calendarName))),
                            schedule));
            return new Shared(known.source(), schedule);
        }

        /** The kinds without a table of their own: each trigger read through Quartz's API, its fires listed. */
        void readOthers() {
            for (Other other : others) {
                Trigger trigger;
                try {
                    trigger = scheduler.getTrigger(TriggerKey.triggerKey(other.triggerName(), other.triggerGroup()));
                } catch (SchedulerException e) {
                    throw new JobCommandException(Errors.describe(e));
                }
                if (trigger == null) {
                    continue; // deleted since the query
                }
                Source listing = new Source.Listing(
                        after -> time(trigger.getFireTimeAfter(new Date(after))),
                        included(calendar(trigger.getCalendarName())));
                Schedule schedule = new Schedule.Other(other.type());
                entries.add(new Entry(
                        new Ref(other.jobGroup(), other.jobName(), other.triggerGroup(), other.triggerName(), schedule),
                        listing,
                        other.next(),
                        NONE));
            }
        }

        private @Nullable Calendar calendar(@Nullable String name) {
            if (name == null) {
                return null;
            }
            if (!calendars.containsKey(name)) {
                try {
                    calendars.put(name, scheduler.getCalendar(name));
                } catch (SchedulerException e) {
                    throw new JobCommandException(Errors.describe(e));
                }
            }
            return calendars.get(name);
        }

        /** One string object per text: 100,000 triggers often have a few hundred groups and schedules. */
        private String shared(String name) {
            return names.computeIfAbsent(name, n -> n);
        }
    }

    /**
     * On H2, read whole tables in their own order ({@code USE INDEX ()}): its planner would read the triggers by an
     * index and look each row up, a random read per trigger. PostgreSQL plans its own scans.
     */
    private String tableScan() {
        Database known = database;
        if (known == null) {
            known = Database.of(dataSource);
            database = known;
        }
        return known == Database.H2 ? " USE INDEX ()" : "";
    }

    /** One-shot triggers: each fires once at its next fire time, so any timeline that has every millisecond serves. */
    private static final Source ONCE = new Source.Fixed(new Timeline.Stepped(0, 1));

    private static LongPredicate included(@Nullable Calendar calendar) {
        return calendar == null ? time -> true : calendar::isTimeIncluded;
    }

    private static long time(@Nullable Date date) {
        return date == null ? NONE : date.getTime();
    }

    @Override
    public void destroy() {
        changes.close();
        worker.shutdown();
    }
}
