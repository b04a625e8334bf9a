package io.jobdeck.dashboard.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.jobdeck.events.EventBatch;
import io.jobdeck.events.EventHub;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.jobs.JobList;
import io.jobdeck.jobs.JobPage;
import io.jobdeck.jobs.JobPaths;
import io.jobdeck.jobs.JobQuery;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.Errors;
import io.jobdeck.ui.Pager;
import io.jobdeck.ui.Reloader;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Every job, a page at a time, however many there are: searched by name, group, description or type, narrowed by
 * group, type and state, in the order chosen. Each page is read on the server ({@link JobList}) in the background and
 * arrives by push; the page is read again when jobs change, here or elsewhere.
 */
@Route("jobs")
@PageTitle("Jobdeck · Jobs")
@Menu(title = "nav.jobs", icon = "vaadin:list", order = 2)
@PermitAll
class JobsView extends VerticalLayout {

    static final int PAGE_SIZE = 50;

    private final JobList list;
    private final EventHub hub;
    private final Clock clock;
    private final TextField search = new TextField();
    private final Select<String> group = new Select<>();
    private final Select<String> type = new Select<>();
    private final Select<JobQuery.@Nullable StateFilter> state = new Select<>();
    private final Select<JobQuery.Order> order = new Select<>();
    private final Grid<JobPage.Row> grid = new Grid<>();
    private final Pager pager = new Pager("jobs", PAGE_SIZE, "jobs.list.range", this::reload);
    private @Nullable Reloader<JobPage> pages;

    JobsView(JobList list, EventHub hub, Clock clock) {
        this.list = list;
        this.hub = hub;
        this.clock = clock;
        setSizeFull();

        search.setId("jobs-search");
        search.setPlaceholder(getTranslation("jobs.list.search"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setMaxLength(200);
        search.setWidth("20rem");
        group.setId("jobs-group");
        group.setLabel(getTranslation("jobs.list.group"));
        group.setEmptySelectionAllowed(true);
        group.setEmptySelectionCaption(getTranslation("jobs.list.all"));
        type.setId("jobs-type");
        type.setLabel(getTranslation("jobs.list.type"));
        type.setEmptySelectionAllowed(true);
        type.setEmptySelectionCaption(getTranslation("jobs.list.all"));
        state.setId("jobs-state");
        state.setLabel(getTranslation("dashboard.jobs.state"));
        state.setItems(JobQuery.StateFilter.values());
        state.setEmptySelectionAllowed(true);
        state.setEmptySelectionCaption(getTranslation("jobs.list.all"));
        state.setItemLabelGenerator(
                s -> s == null ? getTranslation("jobs.list.all") : getTranslation("jobs.list.state." + s));
        order.setId("jobs-order");
        order.setLabel(getTranslation("jobs.list.order"));
        order.setItems(JobQuery.Order.values());
        order.setValue(JobQuery.Order.NAME);
        order.setItemLabelGenerator(o -> getTranslation("jobs.list.order." + o));
        search.addValueChangeListener(e -> first());
        group.addValueChangeListener(e -> first());
        type.addValueChangeListener(e -> first());
        state.addValueChangeListener(e -> first());
        order.addValueChangeListener(e -> first());

        grid.setId("jobs-list");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(LitRenderer.<JobPage.Row>of("<div class=\"jobdeck-job\">"
                                + "<a class=\"jobdeck-job-name\" href=\"${item.link}\">${item.name}</a>"
                                + "<span class=\"jobdeck-muted\">${item.group}</span></div>")
                        .withProperty("name", r -> DisplayText.safe(r.name(), 200))
                        .withProperty("group", r -> DisplayText.safe(r.group(), 200))
                        .withProperty("link", r -> JobPaths.page(r.group(), r.name())))
                .setHeader(getTranslation("dashboard.jobs.name"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> DisplayText.safe(Objects.requireNonNullElse(r.description(), ""), 250))
                .setHeader(getTranslation("dashboard.jobs.description"))
                .setFlexGrow(3);
        grid.addColumn(JobPage.Row::type)
                .setHeader(getTranslation("jobs.list.type"))
                .setAutoWidth(true);
        grid.addColumn(LitRenderer.<JobPage.Row>of("<span theme=\"${item.theme}\">${item.state}</span>")
                        .withProperty("state", r -> getTranslation("jobstate." + r.state()))
                        .withProperty("theme", r -> Badges.theme(r.state())))
                .setHeader(getTranslation("dashboard.jobs.state"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> UserTime.format(r.nextFire(), clock.instant()))
                .setHeader(getTranslation("dashboard.jobs.next"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.setEmptyStateText(getTranslation("jobs.list.none"));

        HorizontalLayout filters = new HorizontalLayout(search, group, type, state, order);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");
        add(new H2(getTranslation("jobs.list.title")), filters, grid, pager);
        setFlexGrow(1, grid);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        Reloader<JobList.Choices> choices = new Reloader<>(ui, list::readChoices, (c, error) -> {
            if (c != null) {
                showChoices(c);
            }
        });
        Reloader<JobPage> reloader =
                new Reloader<>(ui, () -> list.readPage(query(), pager.offset(), PAGE_SIZE), this::show);
        pages = reloader;
        Predicate<EventBatch> jobsChanged = batch ->
                batch.dropped() > 0 || batch.events().stream().anyMatch(e -> e instanceof SchedulerEvent.JobsChanged);
        reloader.followWhileAttached(this, hub, jobsChanged);
        choices.followWhileAttached(this, hub, jobsChanged);
        choices.request();
        reloader.request();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        pages = null;
        super.onDetach(event);
    }

    private JobQuery query() {
        return new JobQuery(search.getValue(), group.getValue(), type.getValue(), state.getValue(), order.getValue());
    }

    /** Back to the first page, after the filters or the order changed. */
    private void first() {
        pager.first();
        reload();
    }

    private void reload() {
        pager.loading();
        if (pages != null) {
            pages.request();
        }
    }

    private void show(@Nullable JobPage page, @Nullable Throwable error) {
        if (page == null) {
            pager.failed(getTranslation("jobs.list.failed", error == null ? "" : Errors.describe(error)));
            return;
        }
        if (page.offset() != pager.offset()) {
            return; // an answer for a page left meanwhile; the one asked for next follows
        }
        grid.setItems(page.rows());
        pager.show(page.rows().size(), page.total(), page.totalExact());
    }

    private void showChoices(JobList.Choices choices) {
        String chosenGroup = group.getValue();
        String chosenType = type.getValue();
        group.setItems(choices.groups());
        group.setValue(choices.groups().contains(chosenGroup) ? chosenGroup : null);
        type.setItems(choices.types().keySet());
        Map<String, String> names = choices.types();
        type.setItemLabelGenerator(t -> t == null ? getTranslation("jobs.list.all") : names.getOrDefault(t, t));
        type.setValue(choices.types().containsKey(chosenType) ? chosenType : null);
    }
}
