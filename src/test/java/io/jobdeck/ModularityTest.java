package io.jobdeck;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Spring Modulith's view of the code: each top-level package a module, its root the API, everything else inside. */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(Application.class);

    @Test
    void modules_use_each_other_only_through_their_api_and_without_cycles() {
        MODULES.verify();
    }
}
