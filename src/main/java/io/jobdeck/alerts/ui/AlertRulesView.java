package io.jobdeck.alerts.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.jobdeck.alerts.AlertRule;
import io.jobdeck.alerts.Alerts;
import io.jobdeck.alerts.Channel;
import io.jobdeck.alerts.RuleDraft;
import io.jobdeck.alerts.RuleKind;
import io.jobdeck.jobs.FieldProblem;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.DurationText;
import io.jobdeck.support.Errors;
import io.jobdeck.ui.Confirm;
import io.jobdeck.ui.Notifications;
import io.jobdeck.ui.Reloader;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

/**
 * The alert rules, for admins: a list, and a form for the one chosen or a new one (its kind, whether it is on, the job
 * it watches where that applies, its threshold, its de-duplication window and its channels). A value the service
 * refuses is shown next to its field. "Send test alert" sends through the saved rule's channels.
 */
@Route("alerts/rules")
@PageTitle("Jobdeck · Alert rules")
@Menu(title = "nav.alertRules", icon = "vaadin:bell-o", order = 10.6)
@RolesAllowed("ADMIN")
class AlertRulesView extends VerticalLayout {

    private final Alerts alerts;
    private final Grid<AlertRule> grid = new Grid<>();
    private final H3 formTitle = new H3();
    private final Select<RuleKind> kind = new Select<>();
    private final Checkbox enabled = new Checkbox();
    private final TextField job = new TextField();
    private final IntegerField threshold = new IntegerField();
    private final IntegerField dedup = new IntegerField();
    private final CheckboxGroup<Channel> channels = new CheckboxGroup<>();
    private final Checkbox includeStopped = new Checkbox();
    private final Button save = new Button();
    private final Button delete = new Button();
    private final Button test = new Button();
    private final Map<String, HasValidation> fields;
    private long editing;
    private @Nullable Reloader<List<AlertRule>> rules;

    AlertRulesView(Alerts alerts) {
        this.alerts = alerts;
        setSizeFull();
        fields = Map.of("kind", kind, "job", job, "threshold", threshold, "dedup", dedup, "channels", channels);

        grid.setId("alert-rules");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(r -> getTranslation("alerts.kind." + r.kind().name()))
                .setHeader(getTranslation("alerts.rule"))
                .setAutoWidth(true);
        grid.addColumn(r -> r.job() == null ? "" : DisplayText.safe(r.job(), 200))
                .setHeader(getTranslation("alerts.rule.job"))
                .setFlexGrow(1);
        grid.addColumn(r -> r.kind().usesThreshold() ? DurationText.format(r.threshold(), getLocale()) : "")
                .setHeader(getTranslation("alerts.rule.threshold.short"))
                .setAutoWidth(true);
        grid.addColumn(r -> DurationText.format(r.dedupWindow(), getLocale()))
                .setHeader(getTranslation("alerts.rule.dedup.short"))
                .setAutoWidth(true);
        grid.addColumn(r -> r.channels().stream()
                        .sorted()
                        .map(c -> getTranslation("alerts.channel." + c.name()))
                        .collect(Collectors.joining(", ")))
                .setHeader(getTranslation("alerts.rule.channels"))
                .setAutoWidth(true);
        grid.addColumn(r -> getTranslation(r.enabled() ? "alerts.rule.on" : "alerts.rule.off"))
                .setHeader(getTranslation("alerts.rule.enabled"))
                .setAutoWidth(true);
        grid.setEmptyStateText(getTranslation("alerts.rules.none"));
        grid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(this::edit));
        grid.setHeight("16rem");

        kind.setId("alert-rule-kind");
        kind.setLabel(getTranslation("alerts.rule"));
        kind.setItems(RuleKind.values());
        kind.setItemLabelGenerator(k -> getTranslation("alerts.kind." + k.name()));
        kind.addValueChangeListener(e -> shape());
        enabled.setId("alert-rule-enabled");
        enabled.setLabel(getTranslation("alerts.rule.enabled"));
        job.setId("alert-rule-job");
        job.setLabel(getTranslation("alerts.rule.job"));
        job.setHelperText(getTranslation("alerts.rule.job.help"));
        job.setMaxLength(RuleDraft.MAX_JOB);
        threshold.setId("alert-rule-threshold");
        threshold.setLabel(getTranslation("alerts.rule.threshold"));
        threshold.setSuffixComponent(new com.vaadin.flow.component.html.Span(getTranslation("alerts.seconds")));
        dedup.setId("alert-rule-dedup");
        dedup.setLabel(getTranslation("alerts.rule.dedup"));
        dedup.setHelperText(getTranslation("alerts.rule.dedup.help"));
        dedup.setSuffixComponent(new com.vaadin.flow.component.html.Span(getTranslation("alerts.seconds")));
        channels.setId("alert-rule-channels");
        channels.setLabel(getTranslation("alerts.rule.channels"));
        channels.setItems(Channel.values());
        channels.setItemLabelGenerator(c -> getTranslation("alerts.channel." + c.name()));
        includeStopped.setId("alert-rule-include-stopped");
        includeStopped.setLabel(getTranslation("alerts.rule.includeStopped"));

        save.setId("alert-rule-save");
        save.setText(getTranslation("alerts.rule.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        delete.setId("alert-rule-delete");
        delete.setText(getTranslation("alerts.rule.delete"));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        delete.addClickListener(e -> Confirm.ask(
                "alert-rule-delete-dialog",
                getTranslation("alerts.rule.delete.title"),
                getTranslation("alerts.rule.delete.text"),
                getTranslation("alerts.rule.delete"),
                this::delete));
        test.setId("alert-rule-test");
        test.setText(getTranslation("alerts.rule.test"));
        test.addClickListener(e -> sendTest());
        Button fresh = new Button(getTranslation("alerts.rule.new"), e -> newRule());
        fresh.setId("alert-rule-new");

        FormLayout form = new FormLayout(kind, enabled, job, threshold, dedup, channels, includeStopped);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        RouterLink sent = new RouterLink(getTranslation("alerts.sent.link"), AlertsView.class);
        sent.setId("alert-rules-sent-link");
        add(
                new H2(getTranslation("alerts.rules.title")),
                new Paragraph(getTranslation("alerts.rules.intro")),
                new HorizontalLayout(fresh, sent),
                grid,
                formTitle,
                form,
                new HorizontalLayout(save, test, delete));
        newRule();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        rules = new Reloader<>(event.getUI(), alerts::readRules, (list, error) -> {
            if (list != null) {
                grid.setItems(list);
            } else {
                Notifications.error(getTranslation("action.failed", error == null ? "" : Errors.describe(error)));
            }
        });
        rules.request();
    }

    private void newRule() {
        grid.deselectAll();
        editing = 0;
        formTitle.setText(getTranslation("alerts.rule.new.title"));
        kind.setValue(RuleKind.JOB_FAILED);
        enabled.setValue(true);
        job.clear();
        threshold.setValue(600);
        dedup.setValue(3600);
        channels.setValue(Set.of(Channel.IN_APP));
        includeStopped.setValue(false);
        clearProblems();
        shape();
    }

    private void edit(AlertRule rule) {
        editing = rule.id();
        formTitle.setText(getTranslation("alerts.rule.edit.title", rule.id()));
        kind.setValue(rule.kind());
        enabled.setValue(rule.enabled());
        job.setValue(Objects.requireNonNullElse(rule.job(), ""));
        threshold.setValue((int) Math.min(Integer.MAX_VALUE, rule.threshold().toSeconds()));
        dedup.setValue((int) Math.min(Integer.MAX_VALUE, rule.dedupWindow().toSeconds()));
        channels.setValue(rule.channels());
        includeStopped.setValue(rule.includeStopped());
        clearProblems();
        shape();
    }

    /** Only the settings the chosen kind uses are shown; test and delete only for a saved rule. */
    private void shape() {
        RuleKind chosen = kind.getValue();
        job.setVisible(chosen != null && chosen.perJob());
        threshold.setVisible(chosen != null && chosen.usesThreshold());
        if (chosen != null) {
            threshold.setHelperText(getTranslation("alerts.rule.threshold.help." + chosen.name()));
        }
        includeStopped.setVisible(chosen == RuleKind.SCHEDULER_NOT_RUNNING);
        delete.setVisible(editing != 0);
        test.setVisible(editing != 0);
    }

    private RuleDraft draft() {
        Integer seconds = threshold.getValue();
        Integer window = dedup.getValue();
        return new RuleDraft(
                editing,
                kind.getValue(),
                enabled.getValue(),
                job.getValue(),
                seconds == null ? -1 : seconds,
                window == null ? -1 : window,
                channels.getValue(),
                includeStopped.getValue());
    }

    private void save() {
        clearProblems();
        RuleDraft draft = draft();
        List<FieldProblem> problems = alerts.check(draft, getLocale());
        if (!problems.isEmpty()) {
            show(problems);
            return;
        }
        UI ui = UI.getCurrent();
        save.setEnabled(false);
        run(
                () -> alerts.save(draft, getLocale()),
                (saved, error) -> ui.access(() -> {
                    save.setEnabled(true);
                    if (error instanceof Alerts.Refused refused) {
                        show(refused.problems());
                    } else if (error != null) {
                        failed(error);
                    } else if (saved != null) {
                        Notifications.success(getTranslation("alerts.rule.saved"));
                        edit(saved);
                        reload();
                    }
                }));
    }

    private void delete() {
        UI ui = UI.getCurrent();
        run(
                () -> alerts.delete(editing),
                (deleted, error) -> ui.access(() -> {
                    if (error != null) {
                        failed(error);
                        return;
                    }
                    Notifications.success(getTranslation("alerts.rule.deleted"));
                    newRule();
                    reload();
                }));
    }

    private void sendTest() {
        UI ui = UI.getCurrent();
        test.setEnabled(false);
        run(
                () -> alerts.sendTest(editing),
                (id, error) -> ui.access(() -> {
                    test.setEnabled(true);
                    if (error != null) {
                        failed(error);
                        return;
                    }
                    Notifications.success(getTranslation("alerts.rule.test.sent"));
                }));
    }

    private <T> void run(
            java.util.function.Supplier<CompletionStage<T>> call,
            java.util.function.BiConsumer<@Nullable T, @Nullable Throwable> done) {
        try {
            call.get().whenComplete((value, error) -> done.accept(value, unwrap(error)));
        } catch (AccessDeniedException refused) {
            done.accept(null, refused);
        }
    }

    private void failed(Throwable error) {
        Notifications.error(
                error instanceof AccessDeniedException
                        ? getTranslation("access.denied")
                        : getTranslation("action.failed", Errors.describe(error)));
    }

    private void reload() {
        if (rules != null) {
            rules.request();
        }
    }

    private void show(List<FieldProblem> problems) {
        for (FieldProblem problem : problems) {
            HasValidation field = fields.get(problem.field());
            if (field != null) {
                field.setErrorMessage(problem.message());
                field.setInvalid(true);
            }
        }
    }

    private void clearProblems() {
        fields.values().forEach(f -> f.setInvalid(false));
    }

    private static @Nullable Throwable unwrap(@Nullable Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
