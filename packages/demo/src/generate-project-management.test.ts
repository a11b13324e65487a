import { describe, expect, it } from 'vitest';
import { ZProject, type Project } from '#core/entities/project.ts';
import { generateDemoEcosystem } from './generate-demo-ecosystem.ts';

describe('demo project management data', () => {
  it('gives started projects PDCA, milestones, risks, spend and KPIs on the three values', () => {
    const eco = generateDemoEcosystem({ seed: 1, scale: 0.05 });
    const projects: Project[] = eco.projects.map((p) => ZProject.parse(p));
    const managed = projects.filter((p) => (p.milestones ?? []).length > 0);
    expect(managed.length).toBeGreaterThan(projects.length / 2);
    for (const p of managed) {
      expect(new Set(p.kpis?.map((k) => k.value))).toEqual(
        new Set(['social', 'industrial', 'economic']),
      );
      expect(p.kpis?.every((k) => k.unit.length > 0)).toBe(true);
      expect(p.pdca?.length).toBeGreaterThan(0);
      expect(p.risks?.every((r) => r.owner && r.mitigation)).toBe(true);
    }
    // some milestones slip, some risks rise, some budgets run ahead
    const slipping = managed.filter((p) =>
      (p.milestones ?? []).some(
        (m) =>
          m.actualDate !== undefined &&
          Date.parse(m.actualDate) - Date.parse(m.plannedDate) > 30 * 86_400_000,
      ),
    );
    expect(slipping.length).toBeGreaterThan(0);
    expect(managed.some((p) => p.spent !== undefined)).toBe(true);
  });
});
