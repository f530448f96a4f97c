package io.sequent.directory.client;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bounded thread pools where blocking LDAP work runs: one for short requests (binds, live status,
 * single reads) and a smaller one for imports, so a long import never starves a sign-in. A full queue
 * is refused at once ({@link DirectoryUnavailableException}) rather than queued without bound.
 */
@ApplicationScoped
public class LdapWorkers {

    private final ThreadPoolExecutor requests;
    private final ThreadPoolExecutor imports;

    public LdapWorkers(@ConfigProperty(name = "sequent.directory.ldap.request-threads", defaultValue = "8") int requestThreads,
                       @ConfigProperty(name = "sequent.directory.ldap.import-threads", defaultValue = "2") int importThreads) {
        this.requests = pool("ldap-request", requestThreads, 512);
        this.imports = pool("ldap-import", importThreads, 64);
    }

    private static ThreadPoolExecutor pool(String name, int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Runs {@code work} on the request pool; the result is delivered back on the caller's Vert.x context
     * (so a reactive database call can follow).
     */
    public <T> Uni<T> call(Callable<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> uni = Uni.createFrom().<T>emitter(em -> {
            try {
                requests.execute(() -> {
                    try {
                        em.complete(work.call());
                    } catch (Throwable e) {
                        em.fail(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                em.fail(new DirectoryUnavailableException("too many directory requests in progress"));
            }
        });
        return context == null ? uni : uni.emitOn(r -> context.runOnContext(v -> r.run()));
    }

    /** Starts a long-running import task on the import pool; false when the pool is full. */
    public boolean startImport(Runnable task) {
        try {
            imports.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    public ExecutorService requestPool() {
        return requests;
    }

    void stop(@Observes ShutdownEvent ignored) {
        requests.shutdownNow();
        imports.shutdownNow();
    }
}
