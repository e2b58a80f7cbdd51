package io.bertstream.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.types.Password;

/**
 * Creates the SCRAM users and ACLs of a secured broker as its super user, and returns only once the
 * broker itself knows them: the controller commits them, and the broker applies them from the
 * metadata log a moment later; a client that came in between would be refused. Nothing notifies of
 * that moment, so this asks the broker until it answers with all of them.
 */
final class BrokerSecuritySetup {

  /** Kafka's minimum for SCRAM-SHA-512; more only slows every login. */
  private static final int ITERATIONS = 4096;

  private static final Duration POLL = Duration.ofMillis(50);

  private final Admin admin;
  private final Duration timeout;

  BrokerSecuritySetup(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  void apply(BrokerSecurity security) {
    if (!security.users().isEmpty()) {
      List<UserScramCredentialAlteration> upserts = new ArrayList<>();
      for (Map.Entry<String, Password> user : security.users().entrySet()) {
        upserts.add(
            new UserScramCredentialUpsertion(
                user.getKey(),
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS),
                user.getValue().value()));
      }
      get(admin.alterUserScramCredentials(upserts).all(), "create the SCRAM users");
    }
    if (!security.acls().isEmpty()) {
      get(admin.createAcls(security.acls()).all(), "create the ACLs");
    }
    awaitKnown(security.users().keySet(), security.acls());
  }

  private void awaitKnown(Set<String> users, List<AclBinding> acls) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!known(users, acls)) {
      if (System.nanoTime() > deadline) {
        throw new LocalStackException(
            "the embedded broker did not apply its users and ACLs within " + timeout);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LocalStackException("interrupted while setting up the broker's security", e);
      }
    }
  }

  private boolean known(Set<String> users, List<AclBinding> acls) {
    if (!users.isEmpty()
        && !get(admin.describeUserScramCredentials().all(), "describe the SCRAM users")
            .keySet()
            .containsAll(users)) {
      return false;
    }
    Collection<AclBinding> present =
        acls.isEmpty()
            ? List.of()
            : get(admin.describeAcls(AclBindingFilter.ANY).values(), "describe the ACLs");
    return present.containsAll(acls);
  }

  private <T> T get(KafkaFuture<T> future, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new LocalStackException(
          "the embedded broker could not "
              + what
              + ": "
              + (e.getCause() == null ? e : e.getCause()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalStackException("interrupted while setting up the broker's security", e);
    }
  }
}
