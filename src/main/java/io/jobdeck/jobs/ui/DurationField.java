package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A length of time as a number and its unit (milliseconds to hours); empty for none. A stored length shows in the
 * largest unit it is a whole number of, so it reads back exactly as it was.
 */
class DurationField extends CustomField<@Nullable Duration> {

    private static final List<ChronoUnit> UNITS =
            List.of(ChronoUnit.MILLIS, ChronoUnit.SECONDS, ChronoUnit.MINUTES, ChronoUnit.HOURS);

    private final IntegerField amount = new IntegerField();
    private final Select<ChronoUnit> unit = new Select<>();

    DurationField(String idBase) {
        amount.setStepButtonsVisible(true);
        amount.setId(idBase + "-amount");
        unit.setItems(UNITS);
        unit.setValue(ChronoUnit.SECONDS);
        unit.setItemLabelGenerator(u -> getTranslation("trigger.unit." + u.name()));
        unit.setAriaLabel(getTranslation("trigger.unit"));
        unit.setId(idBase + "-unit");
        unit.setWidth("10em");
        amount.addValueChangeListener(e -> updateValue());
        unit.addValueChangeListener(e -> updateValue());
        HorizontalLayout both = new HorizontalLayout(amount, unit);
        both.setSpacing(true);
        both.setPadding(false);
        add(both);
    }

    @Override
    protected @Nullable Duration generateModelValue() {
        Integer n = amount.getValue();
        ChronoUnit u = unit.getValue() == null ? ChronoUnit.SECONDS : unit.getValue();
        return n == null ? null : u.getDuration().multipliedBy(n);
    }

    @Override
    protected void setPresentationValue(@Nullable Duration value) {
        if (value == null) {
            amount.clear();
            return;
        }
        ChronoUnit largest = ChronoUnit.MILLIS;
        for (ChronoUnit u : UNITS) {
            if (value.toMillis() % u.getDuration().toMillis() == 0) {
                largest = u;
            }
        }
        unit.setValue(largest);
        amount.setValue((int) Math.min(
                Integer.MAX_VALUE, value.toMillis() / largest.getDuration().toMillis()));
    }
}
