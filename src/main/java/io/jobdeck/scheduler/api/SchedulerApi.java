package io.jobdeck.scheduler.api;

import io.jobdeck.scheduler.CommandResult;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.scheduler.SchedulerStatus;
import io.jobdeck.scheduler.StopMode;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The scheduler over HTTP (Basic auth): {@code GET /api/scheduler} for the status, {@code POST /api/scheduler/start}
 * and {@code POST /api/scheduler/stop?mode=standby|interrupt}. Commands answer 202 with the command's result once
 * applied; roles are checked by the service.
 */
@RestController
@RequestMapping("/api/scheduler")
class SchedulerApi {

    private final SchedulerControl control;

    SchedulerApi(SchedulerControl control) {
        this.control = control;
    }

    @GetMapping
    SchedulerStatus status() {
        return control.status();
    }

    @PostMapping("/start")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CompletionStage<CommandResult> start() {
        return control.start();
    }

    @PostMapping("/stop")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CompletionStage<CommandResult> stop(@RequestParam(defaultValue = "standby") String mode) {
        return control.stop(parse(mode));
    }

    private static StopMode parse(String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "standby" -> StopMode.STANDBY;
            case "interrupt" -> StopMode.INTERRUPT;
            default -> throw new BadRequestException("mode must be 'standby' or 'interrupt'");
        };
    }
}
