package io.jobdeck.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Jobdeck cluster as a user runs it: a real PostgreSQL server and nodes that are processes of their own
 * ({@link AppProcess}), each given only the README's cluster settings and its name ({@code node-a}, {@code node-b}, …).
 * The nodes start at once, as a deployment would start them, so Flyway and Quartz race as they do there.
 */
public final class Cluster implements AutoCloseable {

    private final Postgres postgres;
    private final List<AppProcess> nodes = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    private Cluster(Postgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL and {@code size} nodes with {@code extra} settings ({@code --name=value}) on every node. */
    public static Cluster start(int size, String... extra) {
        Cluster cluster = new Cluster(Postgres.start());
        try {
            for (int i = 0; i < size; i++) {
                cluster.launch(extra);
            }
            cluster.nodes.forEach(AppProcess::awaitReady);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Starts one more node (or a node again under a name it had) and waits until it is ready. */
    public AppProcess add(String name, String... extra) {
        AppProcess node = launch(name, extra);
        node.awaitReady();
        return node;
    }

    private AppProcess launch(String... extra) {
        return launch("node-" + (char) ('a' + names.size()), extra);
    }

    private AppProcess launch(String name, String... extra) {
        List<String> arguments = new ArrayList<>();
        for (Map.Entry<String, Object> setting : postgres.datasource().entrySet()) {
            arguments.add("--" + setting.getKey() + "=" + setting.getValue());
        }
        arguments.add("--jobdeck.cluster.enabled=true");
        arguments.add("--jobdeck.cluster.node-name=" + name);
        arguments.addAll(List.of(extra));
        AppProcess node = AppProcess.launch(JobdeckApp.newDataDir(), arguments.toArray(String[]::new));
        nodes.add(node);
        names.add(name);
        return node;
    }

    /** The {@code index}-th node started (0 is node-a). */
    public AppProcess node(int index) {
        return nodes.get(index);
    }

    public String name(int index) {
        return names.get(index);
    }

    public List<AppProcess> nodes() {
        return List.copyOf(nodes);
    }

    public Postgres postgres() {
        return postgres;
    }

    @Override
    public void close() {
        nodes.forEach(AppProcess::kill);
        try {
            postgres.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
