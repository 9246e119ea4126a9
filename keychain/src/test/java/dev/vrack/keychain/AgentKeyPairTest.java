package dev.vrack.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AgentKeyPairTest {

    private final ApplicationKeyPair www = ApplicationKeyPair.generate("www");

    @Test
    void theManagerWrapsTheKeyForOneAgentOnly() throws Exception {
        AgentKeyPair agent = AgentKeyPair.generate();
        byte[] wrapped = AgentKeyPair.wrap(www.decryptionKey(), agent.publicKey());
        assertThat(AuthorityKeysTest.indexOf(wrapped, www.decryptionKey().toBytes())).isEqualTo(-1);

        assertThat(agent.unwrap(wrapped, "www").toBytes()).isEqualTo(www.decryptionKey().toBytes());
        try (AgentKeyPair eavesdropper = AgentKeyPair.generate()) {
            assertThatThrownBy(() -> eavesdropper.unwrap(wrapped, "www"))
                    .hasMessageContaining("does not decrypt with this agent's key");
        }
        assertThatThrownBy(() -> agent.unwrap(wrapped, "db")).hasMessageContaining("expected 'db'");
        Tampering.expectEveryFlipRefused(wrapped, 1, bytes -> agent.unwrap(bytes, "www"));
    }

    @Test
    void aLowOrderAgentKeyIsRefused() {
        assertThatThrownBy(() -> AgentKeyPair.wrap(www.decryptionKey(), new byte[32]))
                .hasMessageContaining("not a usable X25519 key");
    }
}
