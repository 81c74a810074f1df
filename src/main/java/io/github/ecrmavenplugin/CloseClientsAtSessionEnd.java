package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.aws.AuthorizationTokens;
import io.github.ecrmavenplugin.aws.EcrClients;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenExecutionRequest;

/**
 * Closes the shared ECR clients when the Maven session ends, so that one build (all its modules and executions)
 * shares one client and the next build in the same JVM (Maven Daemon, an IDE, an embedder) starts afresh.
 *
 * <p>A plugin that is not a build extension gets no lifecycle participant, and session-scoped components get no
 * end-of-session callback in Maven 3. Maven does, however, read the request's {@link ExecutionListener} each time it
 * fires an event, so the goal chains this listener in front of the current one on its first execution; every event
 * is passed on unchanged. A JVM shutdown hook would only close the clients when the JVM ends, which in a daemon is
 * never, and it would pin the plugin's class realm in memory.
 */
final class CloseClientsAtSessionEnd implements ExecutionListener {

    private final ExecutionListener next;

    private CloseClientsAtSessionEnd(ExecutionListener next) {
        this.next = next;
    }

    /** Chains the listener into {@code request} unless it is there already; safe from parallel module builds. */
    static void register(MavenExecutionRequest request) {
        synchronized (request) {
            ExecutionListener current = request.getExecutionListener();
            if (!(current instanceof CloseClientsAtSessionEnd)) {
                request.setExecutionListener(new CloseClientsAtSessionEnd(current));
            }
        }
    }

    @Override
    public void sessionEnded(ExecutionEvent event) {
        try {
            if (next != null) {
                next.sessionEnded(event);
            }
        } finally {
            EcrClients.closeAll();
            AuthorizationTokens.clear();
        }
    }

    @Override
    public void projectDiscoveryStarted(ExecutionEvent event) {
        if (next != null) {
            next.projectDiscoveryStarted(event);
        }
    }

    @Override
    public void sessionStarted(ExecutionEvent event) {
        if (next != null) {
            next.sessionStarted(event);
        }
    }

    @Override
    public void projectSkipped(ExecutionEvent event) {
        if (next != null) {
            next.projectSkipped(event);
        }
    }

    @Override
    public void projectStarted(ExecutionEvent event) {
        if (next != null) {
            next.projectStarted(event);
        }
    }

    @Override
    public void projectSucceeded(ExecutionEvent event) {
        if (next != null) {
            next.projectSucceeded(event);
        }
    }

    @Override
    public void projectFailed(ExecutionEvent event) {
        if (next != null) {
            next.projectFailed(event);
        }
    }

    @Override
    public void mojoSkipped(ExecutionEvent event) {
        if (next != null) {
            next.mojoSkipped(event);
        }
    }

    @Override
    public void mojoStarted(ExecutionEvent event) {
        if (next != null) {
            next.mojoStarted(event);
        }
    }

    @Override
    public void mojoSucceeded(ExecutionEvent event) {
        if (next != null) {
            next.mojoSucceeded(event);
        }
    }

    @Override
    public void mojoFailed(ExecutionEvent event) {
        if (next != null) {
            next.mojoFailed(event);
        }
    }

    @Override
    public void forkStarted(ExecutionEvent event) {
        if (next != null) {
            next.forkStarted(event);
        }
    }

    @Override
    public void forkSucceeded(ExecutionEvent event) {
        if (next != null) {
            next.forkSucceeded(event);
        }
    }

    @Override
    public void forkFailed(ExecutionEvent event) {
        if (next != null) {
            next.forkFailed(event);
        }
    }

    @Override
    public void forkedProjectStarted(ExecutionEvent event) {
        if (next != null) {
            next.forkedProjectStarted(event);
        }
    }

    @Override
    public void forkedProjectSucceeded(ExecutionEvent event) {
        if (next != null) {
            next.forkedProjectSucceeded(event);
        }
    }

    @Override
    public void forkedProjectFailed(ExecutionEvent event) {
        if (next != null) {
            next.forkedProjectFailed(event);
        }
    }
}
