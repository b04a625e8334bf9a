package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.http.HttpJobSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP request's fields: method, URL, headers (some secret), body, timeout, expected status codes. */
class HttpFields extends TypeFields {

    private final Select<String> method = new Select<>();
    private final TextField url = new TextField();
    private final TextArea headers = new TextArea();
    private final TextField secretHeaders = new TextField();
    private final TextField secretParameters = new TextField();
    private final TextArea body = new TextArea();
    private final TextField timeout = new TextField();
    private final TextField expected = new TextField();

    HttpFields() {
        method.setItems(HttpJobSpec.METHODS);
        method.setValue("GET");
        timeout.setPlaceholder("30");
        expected.setPlaceholder(HttpJobSpec.DEFAULT_EXPECTED);
        headers.setPlaceholder("Authorization: Bearer …\nAccept: application/json");
        field(method, HttpJobSpec.METHOD, getTranslation("job.form.http.method"));
        field(url, HttpJobSpec.URL, getTranslation("job.form.http.url"));
        field(headers, HttpJobSpec.HEADERS, getTranslation("job.form.http.headers"));
        field(secretHeaders, HttpJobSpec.SECRET_HEADERS, getTranslation("job.form.http.secretHeaders"));
        field(secretParameters, HttpJobSpec.SECRET_PARAMETERS, getTranslation("job.form.http.secretParameters"));
        field(body, HttpJobSpec.BODY, getTranslation("job.form.http.body"));
        field(timeout, HttpJobSpec.TIMEOUT, getTranslation("job.form.http.timeout"));
        field(expected, HttpJobSpec.EXPECTED, getTranslation("job.form.http.expected"));
        url.setWidthFull();
        secretHeaders.setHelperText(getTranslation("job.form.http.secretHeaders.help"));
        secretParameters.setHelperText(getTranslation("job.form.http.secretParameters.help"));
        FormLayout request = getContent();
        request.add(method, url, headers, secretHeaders, secretParameters, body, timeout, expected);
        request.setColspan(url, 2);
        request.setColspan(headers, 2);
        request.setColspan(body, 2);
    }

    @Override
    JobDefinition.JobType type() {
        return JobDefinition.JobType.HTTP;
    }

    @Override
    String title() {
        return "job.form.http";
    }

    @Override
    Map<String, String> data() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(HttpJobSpec.METHOD, method.getValue() == null ? "" : method.getValue());
        data.put(HttpJobSpec.URL, url.getValue());
        data.put(HttpJobSpec.HEADERS, headers.getValue());
        data.put(HttpJobSpec.SECRET_HEADERS, secretHeaders.getValue());
        data.put(HttpJobSpec.SECRET_PARAMETERS, secretParameters.getValue());
        data.put(HttpJobSpec.BODY, body.getValue());
        data.put(HttpJobSpec.TIMEOUT, timeout.getValue());
        data.put(HttpJobSpec.EXPECTED, expected.getValue());
        return data;
    }

    @Override
    void fill(Map<String, String> data) {
        method.setValue(data.getOrDefault(HttpJobSpec.METHOD, "GET"));
        url.setValue(data.getOrDefault(HttpJobSpec.URL, ""));
        headers.setValue(data.getOrDefault(HttpJobSpec.HEADERS, ""));
        secretHeaders.setValue(data.getOrDefault(HttpJobSpec.SECRET_HEADERS, ""));
        secretParameters.setValue(data.getOrDefault(HttpJobSpec.SECRET_PARAMETERS, ""));
        body.setValue(data.getOrDefault(HttpJobSpec.BODY, ""));
        timeout.setValue(data.getOrDefault(HttpJobSpec.TIMEOUT, ""));
        expected.setValue(data.getOrDefault(HttpJobSpec.EXPECTED, ""));
        maskNote(url);
        maskNote(headers);
    }
}
