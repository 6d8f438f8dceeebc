import type { Id, Person, Region, Role } from '../../plugin/domain/types.ts';

/** A login of the demo: every account shares the same demo password. */
export interface DemoAccount {
  login: string;
  displayName: string;
  role: Role;
  personId: Id;
  password: string;
}

export const DEMO_PASSWORD = 'demo1234';

export const regions: Region[] = [
  { id: 'region-east', name: '华东' },
  { id: 'region-south', name: '华南' },
  { id: 'region-north', name: '华北' },
  { id: 'region-central', name: '华中' },
  { id: 'region-southwest', name: '西南' },
  { id: 'region-northwest', name: '西北' },
];

interface StaffEntry {
  login: string;
  name: string;
  role: Role;
  regionId: Id | null;
  baseBonusYuan: number;
}

const staff: StaffEntry[] = [
  { login: 'zhoulei', name: '周磊', role: 'admin', regionId: null, baseBonusYuan: 18_000 },
  { login: 'linxue', name: '林雪', role: 'hr', regionId: null, baseBonusYuan: 20_000 },
  { login: 'wangjianguo', name: '王建国', role: 'strategy', regionId: null, baseBonusYuan: 45_000 },
  { login: 'chenzhiqiang', name: '陈志强', role: 'manager', regionId: 'region-east', baseBonusYuan: 36_000 },
  { login: 'huangweiming', name: '黄伟明', role: 'manager', regionId: 'region-south', baseBonusYuan: 34_000 },
  { login: 'liuyang', name: '刘洋', role: 'manager', regionId: 'region-north', baseBonusYuan: 34_000 },
  {
    login: 'zhanghaitao',
    name: '张海涛',
    role: 'manager',
    regionId: 'region-central',
    baseBonusYuan: 32_000,
  },
  { login: 'lijuan', name: '李娟', role: 'manager', regionId: 'region-southwest', baseBonusYuan: 32_000 },
  { login: 'majun', name: '马俊', role: 'manager', regionId: 'region-northwest', baseBonusYuan: 30_000 },
  { login: 'zhaomin', name: '赵敏', role: 'sales', regionId: 'region-east', baseBonusYuan: 26_000 },
  { login: 'sunhao', name: '孙浩', role: 'sales', regionId: 'region-east', baseBonusYuan: 22_000 },
  { login: 'wuqian', name: '吴倩', role: 'sales', regionId: 'region-east', baseBonusYuan: 18_500 },
  { login: 'zhengkai', name: '郑凯', role: 'sales', regionId: 'region-south', baseBonusYuan: 24_000 },
  { login: 'liangxiaoyan', name: '梁晓燕', role: 'sales', regionId: 'region-south', baseBonusYuan: 21_000 },
  { login: 'hejunjie', name: '何俊杰', role: 'sales', regionId: 'region-south', baseBonusYuan: 17_500 },
  { login: 'wanglei', name: '王磊', role: 'sales', regionId: 'region-north', baseBonusYuan: 25_000 },
  { login: 'gaojing', name: '高静', role: 'sales', regionId: 'region-north', baseBonusYuan: 20_500 },
  { login: 'yangfan', name: '杨帆', role: 'sales', regionId: 'region-north', baseBonusYuan: 16_000 },
  { login: 'hubin', name: '胡斌', role: 'sales', regionId: 'region-central', baseBonusYuan: 23_000 },
  { login: 'xuli', name: '徐丽', role: 'sales', regionId: 'region-central', baseBonusYuan: 19_000 },
  { login: 'dengchao', name: '邓超', role: 'sales', regionId: 'region-southwest', baseBonusYuan: 21_500 },
  { login: 'luoting', name: '罗婷', role: 'sales', regionId: 'region-southwest', baseBonusYuan: 17_000 },
  { login: 'hantao', name: '韩涛', role: 'sales', regionId: 'region-northwest', baseBonusYuan: 20_000 },
  { login: 'fengxuemei', name: '冯雪梅', role: 'sales', regionId: 'region-northwest', baseBonusYuan: 15_500 },
];

export const personIdOf = (login: string): Id => `person-${login}`;

const STRATEGY_LEAD_ID = personIdOf('wangjianguo');

function managerOf(entry: StaffEntry): Id | null {
  if (entry.role === 'manager') return STRATEGY_LEAD_ID;
  if (entry.role !== 'sales') return null;
  const manager = staff.find((s) => s.role === 'manager' && s.regionId === entry.regionId);
  if (!manager) throw new Error(`demo data: region ${entry.regionId} has no manager`);
  return personIdOf(manager.login);
}

export const people: Person[] = staff.map((entry) => ({
  id: personIdOf(entry.login),
  name: entry.name,
  role: entry.role,
  regionId: entry.regionId,
  managerId: managerOf(entry),
  baseBonusCents: entry.baseBonusYuan * 100,
}));

/** The demo logins, one per person of the case (zh-CN display names). */
export const demoAccounts: DemoAccount[] = staff.map((entry) => ({
  login: entry.login,
  displayName: entry.name,
  role: entry.role,
  personId: personIdOf(entry.login),
  password: DEMO_PASSWORD,
}));

export const salesReps: Person[] = people.filter((p) => p.role === 'sales');
export const strategyLeadId: Id = STRATEGY_LEAD_ID;

export function managerIdOfRegion(regionId: Id): Id {
  const manager = people.find((p) => p.role === 'manager' && p.regionId === regionId);
  if (!manager) throw new Error(`demo data: region ${regionId} has no manager`);
  return manager.id;
}
