import {
  AccountBookOutlined,
  BranchesOutlined,
  CarOutlined,
  CommentOutlined,
  CrownOutlined,
  CustomerServiceOutlined,
  EditOutlined,
  EyeInvisibleOutlined,
  FileTextOutlined,
  FlagOutlined,
  PayCircleOutlined,
  PhoneOutlined,
  SafetyCertificateOutlined,
  ShoppingCartOutlined,
  SmileOutlined,
  SolutionOutlined,
  UserAddOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { TimelineKind } from '../../../shared/customers';

/** Icon and colour of each kind of timeline entry, so a long history can be scanned by eye. */
export const KIND_STYLE: Record<TimelineKind, { icon: ReactNode; color: string }> = {
  created: { icon: <UserAddOutlined />, color: '#52c41a' },
  updated: { icon: <EditOutlined />, color: '#8c8c8c' },
  status: { icon: <FlagOutlined />, color: '#722ed1' },
  owner: { icon: <UserSwitchOutlined />, color: '#13c2c2' },
  note: { icon: <FileTextOutlined />, color: '#1677ff' },
  ticket: { icon: <CustomerServiceOutlined />, color: '#fa8c16' },
  call: { icon: <PhoneOutlined />, color: '#389e0d' },
  message: { icon: <CommentOutlined />, color: '#2f54eb' },
  visit: { icon: <CarOutlined />, color: '#08979c' },
  survey: { icon: <SmileOutlined />, color: '#d48806' },
  order: { icon: <ShoppingCartOutlined />, color: '#1d39c4' },
  invoice: { icon: <AccountBookOutlined />, color: '#9254de' },
  payment: { icon: <PayCircleOutlined />, color: '#389e0d' },
  tier: { icon: <CrownOutlined />, color: '#d4b106' },
  credit: { icon: <SafetyCertificateOutlined />, color: '#c41d7f' },
  merge: { icon: <BranchesOutlined />, color: '#595959' },
  consent: { icon: <SolutionOutlined />, color: '#0958d9' },
  anonymized: { icon: <EyeInvisibleOutlined />, color: '#595959' },
};

export const kindStyle = (kind: string) => KIND_STYLE[kind as TimelineKind] ?? { icon: <FileTextOutlined />, color: '#8c8c8c' };
