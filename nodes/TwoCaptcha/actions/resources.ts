import { account } from './account';
import { captcha } from './captcha';
import { pingback } from './pingback';
import { task } from './task';
import type { Resource, ResourceModule } from './types';

export const resources: Record<Resource, ResourceModule> = { account, captcha, pingback, task };
