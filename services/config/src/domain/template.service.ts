import type { ExpectedSettings } from '@dms/contracts';
import type { TemplateRepository } from '../data-access/template.repository';
import { TemplateNotFoundError } from './config.errors';
import type { SettingsProfile } from './profile.model';
import type { ProfileService } from './profile.service';
import { chooseTemplate, defaultTemplates, type DeviceTemplate, type HandsetModel, type TemplateBody } from './template.model';
import { expectedSettings } from './templates/template.renderer';

export interface TemplateChoice {
  readonly template: DeviceTemplate;
  readonly profile: SettingsProfile;
}

/** Templates, their match rules, and which template and profile serve a handset model. */
export class TemplateService {
  constructor(
    private readonly templates: TemplateRepository,
    private readonly profiles: ProfileService,
    private readonly defaultProfileId: string,
  ) {}

  async seedDefaults(): Promise<void> {
    const now = new Date().toISOString();
    for (const t of defaultTemplates) await this.templates.insertIfMissing({ ...t, updatedAt: now });
  }

  list(): Promise<DeviceTemplate[]> {
    return this.templates.list();
  }

  async get(id: string): Promise<DeviceTemplate> {
    const template = await this.templates.get(id);
    if (template === undefined) throw new TemplateNotFoundError(id);
    return template;
  }

  async put(id: string, body: TemplateBody): Promise<{ template: DeviceTemplate; created: boolean }> {
    const created = (await this.templates.get(id)) === undefined;
    const template: DeviceTemplate = { ...body, id, updatedAt: new Date().toISOString() };
    await this.templates.put(template);
    return { template, created };
  }

  /** The template for a handset and the newest version of its profile; undefined when either is missing. */
  async choose(handset: HandsetModel): Promise<TemplateChoice | undefined> {
    const template = chooseTemplate(await this.templates.list(), handset);
    if (template === undefined) return undefined;
    const profile = await this.profiles.find(template.profileId ?? this.defaultProfileId);
    return profile === undefined ? undefined : { template, profile };
  }

  async expected(handset: HandsetModel): Promise<ExpectedSettings | null> {
    const choice = await this.choose(handset);
    return choice === undefined ? null : expectedSettings(choice.template, choice.profile);
  }
}
