package dev.vrack.scenario;

/**
 * A slot as the runner sees it when a step fires (from {@code rack status}), the candidates a selector picks from.
 *
 * @param name     "A/3"
 * @param chassis  "A"
 * @param slot     3
 * @param kind     "app" or "management"; empty when the slot is empty
 * @param app      the application on the card; empty when none
 * @param licensed whether the slot's application runs under a granted seat
 * @param occupied whether a cartridge sits in the slot
 */
public record SlotView(String name, String chassis, int slot, String kind, String app, boolean licensed,
                       boolean occupied) {
}
