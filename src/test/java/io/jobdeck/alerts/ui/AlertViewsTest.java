package io.jobdeck.alerts.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.jobdeck.alerts.AlertDelivery;
import io.jobdeck.alerts.AlertNotice;
import io.jobdeck.alerts.AlertPhase;
import io.jobdeck.alerts.AlertRule;
import io.jobdeck.alerts.Channel;
import io.jobdeck.alerts.InAppAlerts;
import io.jobdeck.alerts.RuleKind;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Views;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The alert rules form as an admin meets it (bad values refused next to their fields, a rule saved and tried), the
 * alerts view listing what was sent, and the in-app channel reaching the open page.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@WithMockUser(
        username = "admin",
        roles = {"VIEWER", "OPERATOR", "ADMIN"})
class AlertViewsTest extends SpringBrowserlessTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-alert-views-test");
    }

    @Autowired
    InAppAlerts inApp;

    @Test
    void bad_values_are_refused_next_to_their_fields() {
        navigate(AlertRulesView.class);
        test(kind()).selectItem("A job did not succeed in time");
        threshold().setValue(null);
        find(IntegerField.class).id("alert-rule-dedup").setValue(-5);
        channels().setValue(Set.of());
        test(find(Button.class).id("alert-rule-save")).click();

        assertThat(job().isInvalid()).isTrue();
        assertThat(job().getErrorMessage()).isEqualTo("Name the one job that must succeed (group.name)");
        assertThat(threshold().isInvalid()).isTrue();
        assertThat(threshold().getErrorMessage()).isEqualTo("From 1 to 2,592,000 seconds");
        IntegerField dedup = find(IntegerField.class).id("alert-rule-dedup");
        assertThat(dedup.getErrorMessage()).isEqualTo("From 0 to 2,592,000 seconds");
        assertThat(channels().getErrorMessage()).isEqualTo("Choose at least one channel");

        test(job()).setValue("nightly");
        test(find(Button.class).id("alert-rule-save")).click();
        assertThat(job().getErrorMessage()).isEqualTo("Write the job as group.name (or group.*)");
    }

    @Test
    void a_saved_rule_is_listed_its_test_alert_shows_in_the_page_and_the_alerts_view_lists_it() {
        navigate(AlertRulesView.class);
        assertThat(inApp.subscriberCount())
                .as("the page of an admin follows the in-app alerts")
                .isPositive();
        test(kind()).selectItem("A job runs too long");
        test(job()).setValue("alerts.report");
        threshold().setValue(600);
        channels().setValue(Set.of(Channel.IN_APP));
        test(find(Button.class).id("alert-rule-save")).click();

        Views.awaitView(() -> assertThat(notifications()).contains("Alert rule saved"));
        Views.awaitView(() -> assertThat(rules())
                .extracting(AlertRule::kind, AlertRule::job)
                .contains(org.assertj.core.groups.Tuple.tuple(RuleKind.JOB_STUCK, "alerts.report")));

        test(find(Button.class).id("alert-rule-test")).click();
        Views.awaitView(() -> assertThat(notifications())
                .anySatisfy(text -> assertThat(text)
                        .startsWith("Test alert: A job runs too long.")
                        .contains("the channel works")));

        navigate(AlertsView.class);
        Views.awaitView(() -> assertThat(deliveries())
                .extracting(
                        AlertDelivery::phase, AlertDelivery::channel, AlertDelivery::subject, AlertDelivery::success)
                .contains(org.assertj.core.groups.Tuple.tuple(AlertPhase.TEST, Channel.IN_APP, "alerts.report", true)));
        @SuppressWarnings("unchecked")
        Grid<AlertDelivery> grid = find(Grid.class).id("alerts-list");
        assertThat(test(grid).getCellText(0, grid.getColumns().indexOf(grid.getColumnByKey("delivered"))))
                .isEqualTo("Yes (1 attempt)");
    }

    @Test
    void a_burst_of_alerts_is_one_push_of_a_few_notifications_and_a_count_of_the_rest() throws Exception {
        navigate(AlertsView.class);
        // From another thread, as the sending pool does: the page shows them at its next push, all together.
        CompletableFuture.runAsync(() -> {
                    for (int i = 1; i <= 5; i++) {
                        inApp.publish(new AlertNotice(
                                "burst-" + i,
                                AlertPhase.FIRING,
                                RuleKind.JOB_FAILED,
                                "burst.job" + i,
                                "Job burst.job" + i + " failed",
                                Instant.now()));
                    }
                })
                .get(10, TimeUnit.SECONDS);

        Views.awaitView(() -> assertThat(notifications()).contains("2 more alerts: see Alerts"));
        assertThat(notifications())
                .filteredOn(text -> text.startsWith("Alert: A run failed (burst.job"))
                .hasSize(AlertToasts.AT_ONCE);
    }

    @SuppressWarnings("unchecked")
    private Select<RuleKind> kind() {
        return find(Select.class).id("alert-rule-kind");
    }

    private TextField job() {
        return find(TextField.class).id("alert-rule-job");
    }

    private IntegerField threshold() {
        return find(IntegerField.class).id("alert-rule-threshold");
    }

    @SuppressWarnings("unchecked")
    private CheckboxGroup<Channel> channels() {
        return find(CheckboxGroup.class).id("alert-rule-channels");
    }

    @SuppressWarnings("unchecked")
    private List<AlertRule> rules() {
        Grid<AlertRule> grid = find(Grid.class).id("alert-rules");
        return grid.getListDataView().getItems().toList();
    }

    @SuppressWarnings("unchecked")
    private List<AlertDelivery> deliveries() {
        Grid<AlertDelivery> grid = find(Grid.class).id("alerts-list");
        return grid.getListDataView().getItems().toList();
    }

    private List<String> notifications() {
        return find(Notification.class).all().stream()
                .filter(Notification::isOpened)
                .map(n -> test(n).getText())
                .toList();
    }
}
