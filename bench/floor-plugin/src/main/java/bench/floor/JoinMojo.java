package bench.floor;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Waits for the request a {@code request} goal with {@code background} started. */
@Mojo(name = "join", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class JoinMojo extends AbstractMojo {

    @Override
    public void execute() throws MojoExecutionException {
        if (RequestMojo.pending == null) {
            throw new MojoExecutionException("no background request was started");
        }
        getLog().info("floor: HTTP " + RequestMojo.pending.join() + " (background)");
    }
}
