package dev.vrack.app;

import dev.vrack.common.MemoryCardFile;
import dev.vrack.proto.backplane.Welcome;
import dev.vrack.proto.card.MemoryCard;
import java.io.IOException;
import java.nio.file.Path;

/** Reads and checks the memory card an app cartridge boots from. */
public final class AppCard {

    private AppCard() {
    }

    /** The card in the slot, or an exception whose message says what is wrong with it and how to fix it. */
    public static MemoryCard read(Welcome welcome) throws IOException {
        String slot = welcome.getChassis() + "/" + welcome.getSlot();
        if (welcome.getCardPath().isBlank()) {
            throw new IOException("slot " + slot + " has no memory card; an app cartridge boots from one "
                    + "(give the cartridge a card in the rack file, or insert one with a card path)");
        }
        Path file = Path.of(welcome.getCardPath());
        MemoryCard card;
        try {
            card = MemoryCardFile.read(file);
        } catch (IOException e) {
            throw new IOException("cannot boot from the memory card in slot " + slot + ": " + e.getMessage(), e);
        }
        if (!"app".equals(card.getKind())) {
            throw new IOException("the memory card " + file + " is a '" + card.getKind()
                    + "' card; an app cartridge boots only from an app card");
        }
        if (card.getApplicationId().isBlank()) {
            throw new IOException("the memory card " + file + " carries no application id; write the card again "
                    + "with the application it is for");
        }
        return card;
    }
}
