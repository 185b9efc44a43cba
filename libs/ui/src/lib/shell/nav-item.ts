/** One entry of the shell's navigation. `slug` names it for tests (`data-testid="nav-<slug>"`). */
export interface NavItem {
  slug: string;
  label: string;
  /** A Material Symbols name, e.g. "photo_camera". */
  icon: string;
  link: string;
}
