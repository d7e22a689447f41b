package org.guardianportal.guardian.guardian;

import java.util.List;

/** One page of a guardian search, and how many guardians match in all. */
public record GuardianPage(List<Guardian> items, long total) {
}
